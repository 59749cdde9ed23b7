import type { KubeObject } from '../../index';

/** One requirement of a label selector (`app=x`, `version!=v1`, `app`, `!app`, `env in (a,b)`). */
interface Requirement {
  key: string;
  op: 'eq' | 'neq' | 'exists' | 'notexists' | 'in' | 'notin';
  values: string[];
}

export type Selector = (labels: Readonly<Record<string, string>>) => boolean;

/** Parses kubectl's `-l` syntax; throws with kubectl's wording on a malformed selector. */
export function parseLabelSelector(text: string): Selector {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const item = part.trim();
    if (item === '') continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(item)) !== null) {
      requirements.push({
        key: match[1]!,
        op: match[2] as 'in' | 'notin',
        values: match[3]!.split(',').map((v) => v.trim()),
      });
    } else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(item)) !== null) {
      requirements.push({ key: match[1]!, op: match[2] === '!=' ? 'neq' : 'eq', values: [match[3]!] });
    } else if ((match = /^!([\w./-]+)$/.exec(item)) !== null) {
      requirements.push({ key: match[1]!, op: 'notexists', values: [] });
    } else if (/^[\w./-]+$/.test(item)) {
      requirements.push({ key: item, op: 'exists', values: [] });
    } else {
      throw new Error(`unable to parse requirement: found '${item}', expected: identifier`);
    }
  }
  return (labels) =>
    requirements.every((r) => {
      const value = labels[r.key];
      switch (r.op) {
        case 'eq':
          return value === r.values[0];
        case 'neq':
          return value !== r.values[0];
        case 'exists':
          return value !== undefined;
        case 'notexists':
          return value === undefined;
        case 'in':
          return value !== undefined && r.values.includes(value);
        case 'notin':
          return value === undefined || !r.values.includes(value);
      }
    });
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `--field-selector` with the fields kubectl users filter on (`status.phase=Running`, `metadata.name=x`). */
export function parseFieldSelector(text: string): (object: KubeObject) => boolean {
  const tests = text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map((part) => {
      const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
      if (match === null) throw new Error(`invalid selector: '${part}'; can't understand '${part}'`);
      const path = match[1]!.split('.');
      const negate = match[2] === '!=';
      const expected = match[3]!;
      return (object: KubeObject): boolean => {
        let value: unknown = object;
        for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
        const equal = String(value ?? '') === expected;
        return negate ? !equal : equal;
      };
    });
  return (object) => tests.every((t) => t(object));
}
