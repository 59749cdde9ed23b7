/**
 * Label selector strings as `kubectl get -l` takes them: `app=reviews`, `app==reviews`, `version!=v1`,
 * `env in (dev,qa)`, `tier notin (db)`, `canary`, `!canary`, comma-separated (all must hold).
 */
import { clientError, type KubeError } from './errors';
import type { LabelSelector } from './pods';

export function parseLabelSelector(text: string): LabelSelector | KubeError {
  const selector: Required<LabelSelector> = { matchLabels: {}, matchExpressions: [] };
  for (const requirement of splitRequirements(text)) {
    const part = requirement.trim();
    if (part === '') continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part)) !== null) {
      const values = match[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      selector.matchExpressions.push({ key: match[1]!, operator: match[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((match = /^([\w./-]+)\s*!=\s*([\w.-]*)$/.exec(part)) !== null) {
      selector.matchExpressions.push({ key: match[1]!, operator: 'NotIn', values: [match[2]!] });
    } else if ((match = /^([\w./-]+)\s*==?\s*([\w.-]*)$/.exec(part)) !== null) {
      selector.matchLabels[match[1]!] = match[2]!;
    } else if ((match = /^!\s*([\w./-]+)$/.exec(part)) !== null) {
      selector.matchExpressions.push({ key: match[1]!, operator: 'DoesNotExist' });
    } else if ((match = /^([\w./-]+)$/.exec(part)) !== null) {
      selector.matchExpressions.push({ key: match[1]!, operator: 'Exists' });
    } else {
      return clientError(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  return selector;
}

/** Splits on commas outside parentheses. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
