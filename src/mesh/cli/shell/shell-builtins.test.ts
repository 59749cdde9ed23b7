import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('history and help', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
  });
  afterAll(() => s.dispose());

  it('history lists the lines run, numbered as bash does; history N the last N; -c clears', async () => {
    await s.run('echo one');
    await s.run('kubectl get ns -o name | head -1');
    expect(await s.ok('history')).toBe('    1  echo one\n    2  kubectl get ns -o name | head -1\n    3  history\n');
    expect(await s.ok('history 1')).toBe('    4  history 1\n');
    expect(await s.run('history x')).toMatchObject({
      exitCode: 1,
      stderr: 'bash: history: x: numeric argument required\n',
    });
    await s.ok('history -c');
    expect(await s.ok('history')).toBe('    1  history\n');
  });

  it('help starts with the programs of the lab; help NAME explains a builtin', async () => {
    const help = await s.ok('help');
    for (const program of ['kubectl', 'istioctl', 'curl', 'fortio', 'xdg-open']) expect(help).toContain(`  ${program}`);
    expect(help).not.toMatch(/just-bash/);
    expect(await s.ok('help cd')).toMatch(/^cd: cd /);
  });

  it('help speaks the learner’s language', async () => {
    const ko = await createMeshSession({ preset: 'bare', locale: 'ko' });
    try {
      expect(await ko.ok('help')).toContain('이 실습의 프로그램');
    } finally {
      ko.dispose();
    }
  });
});
