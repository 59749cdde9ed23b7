import { compileRe2 } from '../../xds';

/**
 * The part of CEL (Common Expression Language) that access-log filters and `%CEL(...)%` use: literals,
 * attribute paths (`response.code`, `request.headers['x-user']`), comparison, arithmetic, `&&`/`||`/`!`,
 * `?:`, `in`, lists, `has()`, `size()` and the string methods `startsWith`, `endsWith`, `contains`,
 * `matches` (RE2). Envoy compiles the expression when the config arrives, so a syntax error rejects it;
 * at run time an error (a missing header, a type mismatch) makes the expression yield no value.
 */
export type CelValue = string | number | boolean | null | CelValue[] | { readonly [key: string]: CelValue };
export type CelActivation = Readonly<Record<string, CelValue>>;
export type CelProgram = (activation: CelActivation) => CelValue;

export class CelError extends Error {}

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string; value?: number | string };

const TOKEN =
  /\s*(?:(\d+\.\d+|\d+)(u?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:.,()[\]{}]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (m === null) throw new CelError(`Syntax error: token recognition error at: '${source.slice(at, at + 1)}'`);
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1], value: Number(m[1]) });
    else if (m[3] !== undefined) tokens.push({ kind: 'str', text: m[3], value: unquote(m[3]) });
    else if (m[4] !== undefined) tokens.push({ kind: 'id', text: m[4] });
    else tokens.push({ kind: 'op', text: m[5]! });
  }
  return tokens;
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** Compiles `source`; throws CelError with a parse message when it is not an expression we understand. */
export function compileCel(source: string): CelProgram {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text;
  const expect = (text: string): void => {
    if (!isOp(text)) throw new CelError(`Syntax error: expected '${text}' at token ${pos + 1} of: ${source}`);
    pos++;
  };

  const expr = (): CelProgram => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    pos++;
    const yes = expr();
    expect(':');
    const no = expr();
    return (a) => (bool(cond(a)) ? yes(a) : no(a));
  };

  const LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['==', '!=', '<', '<=', '>', '>=', 'in'],
    ['+', '-'],
    ['*', '/', '%'],
  ];
  const binary = (level: number): CelProgram => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      const op = t?.text ?? '';
      if (t === undefined || (t.kind !== 'op' && op !== 'in') || !LEVELS[level]!.includes(op)) return left;
      pos++;
      const l = left;
      const r = binary(level + 1);
      left = (a) => applyBinary(op, l, r, a);
    }
  };

  const unary = (): CelProgram => {
    if (isOp('!')) {
      pos++;
      const inner = unary();
      return (a) => !bool(inner(a));
    }
    if (isOp('-')) {
      pos++;
      const inner = unary();
      return (a) => -num(inner(a));
    }
    return member(primary());
  };

  const args = (): CelProgram[] => {
    expect('(');
    const list: CelProgram[] = [];
    while (!isOp(')')) {
      list.push(expr());
      if (!isOp(')')) expect(',');
    }
    pos++;
    return list;
  };

  const member = (start: CelProgram): CelProgram => {
    let target = start;
    for (;;) {
      if (isOp('.')) {
        pos++;
        const name = peek();
        if (name?.kind !== 'id') throw new CelError(`Syntax error: expected a field name in: ${source}`);
        pos++;
        const of = target;
        if (isOp('(')) {
          const callArgs = args();
          target = (a) =>
            callMethod(
              name.text,
              of(a),
              callArgs.map((p) => p(a)),
            );
        } else target = (a) => select(of(a), name.text);
      } else if (isOp('[')) {
        pos++;
        const index = expr();
        expect(']');
        const of = target;
        target = (a) => select(of(a), index(a));
      } else return target;
    }
  };

  const primary = (): CelProgram => {
    const t = peek();
    if (t === undefined) throw new CelError(`Syntax error: unexpected end of expression: ${source}`);
    pos++;
    if (t.kind === 'num' || t.kind === 'str') return () => t.value!;
    if (t.kind === 'id') {
      if (t.text === 'true' || t.text === 'false') return () => t.text === 'true';
      if (t.text === 'null') return () => null;
      if (t.text === 'has' && isOp('(')) return presence();
      if (isOp('(')) {
        const callArgs = args();
        return (a) =>
          callFunction(
            t.text,
            callArgs.map((p) => p(a)),
          );
      }
      return (a) => {
        if (!(t.text in a)) throw new CelError(`undeclared reference to '${t.text}'`);
        return a[t.text]!;
      };
    }
    if (t.text === '(') {
      const inner = expr();
      expect(')');
      return inner;
    }
    if (t.text === '[') {
      const items: CelProgram[] = [];
      while (!isOp(']')) {
        items.push(expr());
        if (!isOp(']')) expect(',');
      }
      pos++;
      return (a) => items.map((p) => p(a));
    }
    throw new CelError(`Syntax error: unexpected '${t.text}' in: ${source}`);
  };

  /** `has(a.b)`: whether the field is present, without failing when it is not. */
  const presence = (): CelProgram => {
    expect('(');
    const inner = member(primary());
    expect(')');
    return (a) => {
      try {
        inner(a);
        return true;
      } catch {
        return false;
      }
    };
  };

  const program = expr();
  if (pos !== tokens.length) throw new CelError(`Syntax error: extraneous input '${tokens[pos]!.text}' in: ${source}`);
  return program;
}

function bool(v: CelValue): boolean {
  if (typeof v !== 'boolean') throw new CelError('no matching overload: expected bool');
  return v;
}

function num(v: CelValue): number {
  if (typeof v !== 'number') throw new CelError('no matching overload: expected a number');
  return v;
}

function str(v: CelValue): string {
  if (typeof v !== 'string') throw new CelError('no matching overload: expected a string');
  return v;
}

function applyBinary(op: string, l: CelProgram, r: CelProgram, a: CelActivation): CelValue {
  if (op === '&&') return bool(l(a)) && bool(r(a));
  if (op === '||') return bool(l(a)) || bool(r(a));
  const x = l(a);
  const y = r(a);
  switch (op) {
    case '==':
      return equal(x, y);
    case '!=':
      return !equal(x, y);
    case 'in':
      if (Array.isArray(y)) return y.some((v) => equal(v, x));
      if (typeof y === 'object' && y !== null) return typeof x === 'string' && x in y;
      throw new CelError("no matching overload for 'in'");
    case '+':
      if (typeof x === 'string') return x + str(y);
      return num(x) + num(y);
    case '-':
      return num(x) - num(y);
    case '*':
      return num(x) * num(y);
    case '/':
      return num(x) / num(y);
    case '%':
      return num(x) % num(y);
    default:
      return compare(op, x, y);
  }
}

function compare(op: string, x: CelValue, y: CelValue): boolean {
  if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string'))
    throw new CelError(`no matching overload for '${op}'`);
  const a = x as number | string;
  const b = y as number | string;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function equal(x: CelValue, y: CelValue): boolean {
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => equal(v, y[i]!));
  return x === y;
}

function select(target: CelValue, key: CelValue): CelValue {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    if (Array.isArray(target) && typeof key === 'number' && key < target.length) return target[key]!;
    throw new CelError(`no such key: ${String(key)}`);
  }
  const name = String(key);
  if (!(name in target)) throw new CelError(`no such key: ${name}`);
  return target[name]!;
}

function size(v: CelValue): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length;
  throw new CelError("no matching overload for 'size'");
}

function callFunction(name: string, args: CelValue[]): CelValue {
  const [x] = args;
  if (x === undefined) throw new CelError(`no matching overload for '${name}'`);
  switch (name) {
    case 'size':
      return size(x);
    case 'string':
      return typeof x === 'object' ? JSON.stringify(x) : String(x);
    case 'int':
      return Math.trunc(typeof x === 'string' ? Number(x) : num(x));
    default:
      throw new CelError(`undeclared reference to '${name}'`);
  }
}

function callMethod(name: string, target: CelValue, args: CelValue[]): CelValue {
  if (name === 'size') return size(target);
  const s = str(target);
  const arg = str(args[0] ?? null);
  switch (name) {
    case 'startsWith':
      return s.startsWith(arg);
    case 'endsWith':
      return s.endsWith(arg);
    case 'contains':
      return s.includes(arg);
    case 'matches': {
      const re = compileRe2(arg, { search: true });
      if (!re.ok) throw new CelError(re.error);
      return new RegExp(re.regex.source, re.regex.flags.replace('g', '')).test(s);
    }
    default:
      throw new CelError(`undeclared reference to '${name}'`);
  }
}
