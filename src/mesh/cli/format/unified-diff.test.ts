import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff';

const lines = (n: number, edit?: [number, string]): string =>
  Array.from({ length: n }, (_, i) => (edit !== undefined && edit[0] === i ? edit[1] : `line ${i + 1}`)).join('\n') +
  '\n';

describe('unifiedDiff (go-difflib, as istioctl prints it)', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a', 'b', lines(5), lines(5), 7)).toBe('');
  });

  it('shows a replaced line as a deletion then an insertion, with the context around it', () => {
    expect(unifiedDiff('Istiod Routes', 'Envoy Routes', lines(20), lines(20, [9, 'changed']), 3)).toBe(
      '--- Istiod Routes\n+++ Envoy Routes\n@@ -7,7 +7,7 @@\n' +
        'line 7\nline 8\nline 9\n-line 10\n+changed\nline 11\nline 12\nline 13\n'.replace(/^(?=line)/gm, ' '),
    );
  });

  it('joins changes closer than twice the context into one hunk and splits farther ones', () => {
    const near = unifiedDiff('a', 'b', lines(30), lines(30, [9, 'x']).replace('line 14\n', 'y\n'), 2);
    expect(near.match(/^@@/gm)).toHaveLength(1);
    const far = unifiedDiff('a', 'b', lines(30), lines(30, [2, 'x']).replace('line 25\n', 'y\n'), 2);
    expect(far.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -23,5 +23,5 @@']);
  });

  it('counts an insertion against an empty range at the line before', () => {
    expect(unifiedDiff('a', 'b', 'x\n', 'x\ny\n', 0)).toBe('--- a\n+++ b\n@@ -1,0 +2 @@\n+y\n');
  });
});
