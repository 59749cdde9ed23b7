/** One step of a parsed JSONPath: a field, `*`, `..`, an index or slice, or a filter `[?(@.x=="y")]`. */
export type Step =
  | { kind: 'field'; names: string[] }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'index'; start?: number; end?: number; step?: number; single: boolean }
  | { kind: 'filter'; left: Step[]; op: string; right: Step[] | { literal: unknown } | undefined };

/** Evaluation of parsed JSONPath steps, with client-go's semantics for `..`, filters and slices. */
export function walk(steps: Step[], input: unknown[]): unknown[] {
  let values = input;
  for (const step of steps) values = applyStep(step, values);
  return values;
}

function applyStep(step: Step, values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    switch (step.kind) {
      case 'field':
        if (isObject(value)) {
          for (const name of step.names) if (name in value) out.push(value[name]);
        }
        break;
      case 'wildcard':
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else if (isObject(value)) out.push(...Object.values(value));
        break;
      case 'recursive':
        collectRecursive(value, out);
        break;
      case 'index':
        if (Array.isArray(value)) out.push(...slice(value as unknown[], step));
        break;
      case 'filter':
        if (Array.isArray(value)) out.push(...(value as unknown[]).filter((item) => passes(step, item)));
        break;
    }
  }
  return out;
}

/** client-go lists a container and then, depth first, every container inside it. */
function collectRecursive(value: unknown, out: unknown[]): void {
  const children = Array.isArray(value) ? (value as unknown[]) : isObject(value) ? Object.values(value) : [];
  if (children.length === 0) return;
  out.push(value);
  for (const child of children) collectRecursive(child, out);
}

function slice(list: unknown[], step: Extract<Step, { kind: 'index' }>): unknown[] {
  const length = list.length;
  const norm = (n: number): number => (n < 0 ? n + length : n);
  if (step.single) {
    const index = norm(step.start ?? 0);
    return index >= 0 && index < length ? [list[index]] : [];
  }
  const start = Math.max(0, norm(step.start ?? 0));
  const end = Math.min(length, norm(step.end ?? length));
  const stride = step.step ?? 1;
  const out: unknown[] = [];
  for (let i = start; i < end; i += stride > 0 ? stride : 1) out.push(list[i]);
  return out;
}

function passes(step: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  const left = walk(step.left, [item]);
  if (step.op === 'exists') return left.length > 0;
  const right =
    step.right === undefined ? [] : 'literal' in step.right ? [step.right.literal] : walk(step.right, [item]);
  if (left.length === 0 || right.length === 0) return false;
  const a = left[0];
  const b = right[0];
  switch (step.op) {
    case '==':
      return a === b || String(a) === String(b);
    case '!=':
      return !(a === b || String(a) === String(b));
    case '<':
      return Number(a) < Number(b);
    case '>':
      return Number(a) > Number(b);
    case '<=':
      return Number(a) <= Number(b);
    case '>=':
      return Number(a) >= Number(b);
    case '=~':
      return new RegExp(String(b)).test(String(a));
    default:
      return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
