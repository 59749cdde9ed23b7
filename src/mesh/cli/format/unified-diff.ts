/**
 * A unified diff of two texts, as go-difflib's GetUnifiedDiffString writes it (istioctl's config comparisons
 * print it): `--- from` / `+++ to` headers, then hunks of changed lines with `context` unchanged lines around
 * them, `@@ -start,count +start,count @@` (a count of 1 omitted, an empty range at the line before). Empty when
 * the texts are equal.
 */

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** The edit script from `a` to `b`: the common head and tail kept, a longest common subsequence in between. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..]; a config edit leaves this middle small.
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      middle.push({ kind: ' ', line: x[i++]! });
      j++;
      // Deletions before insertions, as difflib prints a replaced block.
    } else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      middle.push({ kind: '-', line: x[i++]! });
    else middle.push({ kind: '+', line: y[j++]! });
  }
  const same = (line: string): Op => ({ kind: ' ', line });
  return [...a.slice(0, head).map(same), ...middle, ...a.slice(a.length - tail).map(same)];
}

function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}

export function unifiedDiff(from: string, to: string, a: string, b: string, context: number): string {
  const ops = editScript(splitLines(a), splitLines(b));
  const changed = ops.flatMap((op, k) => (op.kind === ' ' ? [] : [k]));
  if (changed.length === 0) return '';
  // Changes closer than twice the context share a hunk.
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const last = hunks.at(-1);
    if (last !== undefined && k - last[1] <= 2 * context + 1) last[1] = k;
    else hunks.push([k, k]);
  }
  let out = `--- ${from}\n+++ ${to}\n`;
  for (const [first, last] of hunks) {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length, last + context + 1);
    const before = ops.slice(0, start);
    const aStart = before.filter((op) => op.kind !== '+').length;
    const bStart = before.filter((op) => op.kind !== '-').length;
    const body = ops.slice(start, end);
    const aCount = body.filter((op) => op.kind !== '+').length;
    const bCount = body.filter((op) => op.kind !== '-').length;
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const op of body) out += `${op.kind}${op.line}`;
  }
  return out;
}

/** difflib.SplitLines: each line keeps its newline, and the last piece gets one (a text ending in one ends "\n"). */
function splitLines(text: string): string[] {
  return text.split('\n').map((line) => `${line}\n`);
}
