import { walk, type Step } from './jsonpath-eval';

/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): text with `{…}` actions holding field paths
 * (`.a.b`, `['a']`, `[*]`, `[0]`, `[1:3]`, `..name`, `[?(@.x=="y")]`, unions `[a,b]`), quoted literals
 * (`{"\n"}`) and `{range …}…{end}` blocks. Missing keys print nothing, as `kubectl get` allows them by
 * default. Values print as Go does: strings raw, maps and lists as compact JSON, several results
 * separated by a space.
 */

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[]; root: boolean }
  | { kind: 'range'; steps: Step[]; root: boolean; body: Node[] };

export class JsonPathError extends Error {}

/** Parses a template; throws JsonPathError with kubectl's wording for a malformed one. */
export function parseJsonPath(template: string): Node[] {
  const stack: Node[][] = [[]];
  const ranges: Extract<Node, { kind: 'range' }>[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ kind: 'text', text: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      const range = ranges.pop();
      if (range === undefined) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
      continue;
    }
    if (action.startsWith('range ') || action === 'range') {
      const path = parsePath(action.slice(5).trim());
      const node = { kind: 'range' as const, ...path, body: [] as Node[] };
      stack.at(-1)!.push(node);
      ranges.push(node);
      stack.push(node.body);
      continue;
    }
    for (const piece of splitAction(action)) stack.at(-1)!.push(piece);
  }
  if (ranges.length > 0) throw new JsonPathError('unclosed range');
  return stack[0]!;
}

/** Runs a template against `data` and returns the text kubectl would print. */
export function executeJsonPath(template: string, data: unknown): string {
  return render(parseJsonPath(template), data, data);
}

/** Evaluates one path expression (`.status.loadBalancer.ingress[0].ip`); used by `kubectl wait --for=jsonpath`. */
export function evaluateJsonPath(expression: string, data: unknown): unknown[] {
  const inner = expression.startsWith('{') && expression.endsWith('}') ? expression.slice(1, -1) : expression;
  const { steps } = parsePath(inner.trim());
  return walk(steps, [data]);
}

function render(nodes: Node[], current: unknown, root: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') out += node.text;
    else if (node.kind === 'path') out += printResults(walk(node.steps, [node.root ? root : current]));
    else {
      for (const item of walk(node.steps, [node.root ? root : current])) {
        // A range over one list iterates its elements, as client-go's range does.
        const items = Array.isArray(item) ? item : [item];
        for (const element of items) out += render(node.body, element, root);
      }
    }
  }
  return out;
}

function printResults(values: unknown[]): string {
  return values.map(formatValue).join(' ');
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'object') return JSON.stringify(sortKeys(value));
  return String(value);
}

/** Go's json.Marshal of a map sorts keys. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

function findClose(text: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '}') return i;
  }
  return -1;
}

/** One action may hold literals and paths side by side: `{.a}` `{"\t"}` `{.a}{" "}` are all common. */
function splitAction(action: string): Node[] {
  const nodes: Node[] = [];
  let rest = action;
  while (rest.length > 0) {
    const ch = rest[0];
    if (ch === '"' || ch === "'") {
      const end = endOfQuoted(rest, 0);
      nodes.push({ kind: 'text', text: unquote(rest.slice(0, end + 1)) });
      rest = rest.slice(end + 1).trim();
      continue;
    }
    const stop = rest.search(/\s/);
    const piece = stop < 0 ? rest : rest.slice(0, stop);
    nodes.push({ kind: 'path', ...parsePath(piece) });
    rest = stop < 0 ? '' : rest.slice(stop).trim();
  }
  return nodes;
}

function endOfQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  throw new JsonPathError(`unterminated quoted string`);
}

function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function parsePath(expression: string): { steps: Step[]; root: boolean } {
  let text = expression;
  let root = false;
  if (text.startsWith('$')) {
    root = true;
    text = text.slice(1);
  } else if (text.startsWith('@')) text = text.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('..', i)) {
      steps.push({ kind: 'recursive' });
      i += 2;
      continue;
    }
    const ch = text[i];
    if (ch === '.') {
      i++;
      if (text[i] === '*') {
        steps.push({ kind: 'wildcard' });
        i++;
      }
      continue;
    }
    if (ch === '[') {
      const end = matchingBracket(text, i);
      steps.push(parseBracket(text.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    // A field name; `\.` is a dot inside it (`{.data.tls\.crt}`, a Secret's key).
    const match = /^(?:\\.|[^.[\]\\])+/.exec(text.slice(i));
    if (match === null) throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(text[i])}`);
    steps.push({ kind: 'field', names: [match[0].replace(/\\\./g, '.')] });
    i += match[0].length;
  }
  return { steps, root };
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unterminated array');
}

function parseBracket(inner: string): Step {
  const body = inner.trim();
  if (body === '*') return { kind: 'wildcard' };
  if (body.startsWith('?')) return parseFilter(body.slice(1).trim());
  if (/^['"]/.test(body)) {
    return { kind: 'field', names: body.split(',').map((part) => unquote(part.trim())) };
  }
  if (/^-?\d*(:-?\d*){0,2}$/.test(body) && body !== '') {
    const parts = body.split(':').map((p) => (p === '' ? undefined : Number(p)));
    if (parts.length === 1) return { kind: 'index', start: parts[0]!, single: true };
    const step: Step = { kind: 'index', single: false };
    if (parts[0] !== undefined) step.start = parts[0];
    if (parts[1] !== undefined) step.end = parts[1];
    if (parts[2] !== undefined) step.step = parts[2];
    return step;
  }
  if (body.includes(',')) return { kind: 'field', names: body.split(',').map((p) => p.trim()) };
  throw new JsonPathError(`invalid array index ${body}`);
}

function parseFilter(text: string): Step {
  if (!text.startsWith('(') || !text.endsWith(')')) throw new JsonPathError(`unrecognized filter ${text}`);
  const body = text.slice(1, -1).trim();
  const match = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(body);
  if (match === null) return { kind: 'filter', left: parsePath(body).steps, op: 'exists', right: undefined };
  const [, left = '', op = '', right = ''] = match;
  return { kind: 'filter', left: parsePath(left).steps, op, right: parseOperand(right) };
}

function parseOperand(text: string): Step[] | { literal: unknown } {
  if (/^['"]/.test(text)) return { literal: unquote(text) };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { literal: Number(text) };
  if (text === 'true' || text === 'false') return { literal: text === 'true' };
  return parsePath(text).steps;
}
