import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';

describe('meshdojo proxy edit', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bookinfo' });
  });
  afterAll(() => s.dispose());

  it('edits one proxy by hand and says so in the learner’s language', async () => {
    expect(
      await s.ok('LANG=ko_KR.UTF-8 meshdojo proxy edit deploy/productpage-v1 --host reviews --timeout 2s'),
    ).toMatch(/^productpage-v1-\S+\.default: reviews로 가는 라우트 1개의 타임아웃을 2s로 바꿨습니다/);
  });

  it('refuses what it cannot do, kubectl-style', async () => {
    const run = async (line: string): Promise<[number, string]> => {
      const r = await s.run(line);
      return [r.exitCode, r.stderr];
    };
    expect(await run('meshdojo proxy edit deploy/productpage-v1 --host nowhere --timeout 2s')).toEqual([
      1,
      'error: no route in the proxy serves host "nowhere"\n',
    ]);
    expect(await run('meshdojo proxy edit deploy/productpage-v1 --host reviews --timeout soon')).toEqual([
      1,
      'error: invalid argument "soon" for "--timeout" flag: a duration such as 500ms or 2s\n',
    ]);
    expect(await run('meshdojo proxy edit nosuchpod --host reviews --timeout 1s')).toEqual([
      1,
      'error: pod "nosuchpod" in namespace "default" has no running proxy\n',
    ]);
    expect((await run('meshdojo proxy edit deploy/productpage-v1'))[1]).toMatch(/^error: usage: meshdojo proxy edit/);
  });
});
