import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labs } from '../registry';
import { runLabsCli, type CliIo } from './cli';

// Every lab can be done from a terminal, as from the browser: `meshdojo lab <id> --solution` writes the finished
// folder (files, journal, answers) and `meshdojo check --all` passes it. That each step fails before its solution
// is proved for every lab by labs.test.ts, and that `check` exits 1 on a starter folder by cli.test.ts.

const dir = mkdtempSync(join(tmpdir(), 'meshdojo-every-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), env: { LANG: 'en' }, cwd: dir };
  return runLabsCli(argv, io).then((code) => ({ code, out }));
}

describe('every lab from the terminal', { timeout: 180_000 }, () => {
  for (const lab of labs) {
    it(`${lab.meta.id}: the solution folder passes check --all`, async () => {
      expect((await run(['lab', lab.meta.id, `${lab.meta.id}-solved`, '--solution'])).code).toBe(0);
      const solved = await run(['check', `${lab.meta.id}-solved`, '--all']);
      expect(solved.code, solved.out).toBe(0);
      expect(solved.out).toMatch(new RegExp(`All ${lab.steps.length} steps pass\\.`));
    });
  }
});
