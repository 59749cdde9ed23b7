import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLab } from '../registry';
import { goLive } from './live';
import { createCluster, createShell, SAMPLE_FILES, type SimCluster, type Shell } from '../mesh';

// Lab 1.2's live hook: after a check run, the terminal's own cluster uses the learner's breaker, so the
// fortio command of the lesson shows its effect there too.
const lab = getLab('circuit-breaker')!;
const FORTIO =
  'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c 1 -qps 0 -n 20 -loglevel Error http://httpbin:8000/status/503';
const OVERFLOW =
  'kubectl exec deploy/fortio-deploy -c istio-proxy -- pilot-agent request GET stats | grep httpbin.default.svc.cluster.local.upstream_rq_pending_overflow';

describe('goLive (lab 1.2)', () => {
  let cluster: SimCluster;
  let shell: Shell;
  const overflow = async () => Number(/: (\d+)/.exec((await shell.run(OVERFLOW)).stdout)?.[1] ?? -1);

  beforeAll(async () => {
    cluster = await createCluster({ seed: 7, clock: 'virtual', preset: lab.meta.preset });
    shell = await createShell(cluster, { files: SAMPLE_FILES, kubeconfig: true });
    for (const line of lab.meta.setup) await shell.run(line);
  }, 60_000);
  afterAll(() => cluster.dispose());

  it('the starter breaker never opens: every call reaches httpbin', async () => {
    expect(goLive(lab, lab.starter, cluster)).toEqual({ ok: true });
    await shell.run(FORTIO);
    expect(await overflow()).toBe(0);
  });

  it("the solution's breaker fails most calls fast in the caller's sidecar", async () => {
    expect(goLive(lab, lab.solution, cluster)).toEqual({ ok: true });
    await shell.run(FORTIO);
    expect(await overflow()).toBeGreaterThanOrEqual(15);
  });

  it('code that does not compile or lacks the class says why, in both languages', () => {
    const broken = goLive(lab, { 'circuit-breaker.ts': 'export class {' }, cluster);
    expect(broken).toMatchObject({ ok: false, why: { en: expect.stringContaining('does not compile') } });
    const missing = goLive(lab, { 'circuit-breaker.ts': 'export const x = 1;' }, cluster);
    expect(missing).toMatchObject({ ok: false, why: { ko: expect.stringContaining('CircuitBreaker') } });
  });

  it('a config lab has nothing to plug in', () => {
    expect(goLive(getLab('request-routing')!, {}, cluster)).toBeUndefined();
  });
});
