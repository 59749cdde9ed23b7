import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuildReason } from './stale-build.mjs';

describe('the course build', () => {
  it('is missing without dist/index.html, older when a source changed after it, else current', () => {
    const root = mkdtempSync(join(tmpdir(), 'meshdojo-root-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), '');
    expect(staleBuildReason(root, join(root, 'dist'))).toBe('missing');
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '');
    utimesSync(join(root, 'src', 'a.ts'), 1000, 1000);
    utimesSync(join(root, 'src'), 1000, 1000);
    expect(staleBuildReason(root, join(root, 'dist'))).toBeUndefined();
    utimesSync(join(root, 'src', 'a.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    expect(staleBuildReason(root, join(root, 'dist'))).toBe('older');
  });
});
