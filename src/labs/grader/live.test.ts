import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabSession } from '../lab-session';
import type { MeshSession } from '../mesh';
import { getLab } from '../registry';
import { goLive } from './live';
import { compileModules, type CompiledModules } from './module-loader';
import { gradeWorkspace, workspaceFiles } from './run-checks';

// Lab 1.2's live hook: after a check run, the terminal's own cluster uses the learner's breaker, so the
// fortio command of the lesson shows its effect there too.
const lab = getLab('circuit-breaker')!;
const FORTIO =
  'kubectl exec deploy/fortio-deploy -c fortio -- /usr/bin/fortio load -c 1 -qps 0 -n 20 -loglevel Error http://httpbin:8000/status/503';
const OVERFLOW =
  'kubectl exec deploy/fortio-deploy -c istio-proxy -- pilot-agent request GET stats | grep httpbin.default.svc.cluster.local.upstream_rq_pending_overflow';

/** The learner's files compiled as a check run compiles them. */
function compiled(files: Record<string, string>): CompiledModules {
  const modules = compileModules(workspaceFiles(lab, files));
  if (!modules.ok) throw new Error(`does not compile: ${modules.message}`);
  return modules;
}

describe('goLive (lab 1.2)', () => {
  let session: MeshSession;
  const overflow = async () => Number(/: (\d+)/.exec((await session.run(OVERFLOW)).stdout)?.[1] ?? -1);

  beforeAll(async () => {
    session = await createLabSession(lab.meta, { seed: 7, clock: 'virtual', files: lab.starter });
  }, 60_000);
  afterAll(() => session.dispose());

  it('the starter breaker never opens: every call reaches httpbin', async () => {
    expect(goLive(lab, compiled(lab.starter), session.cluster)).toEqual({ ok: true });
    await session.run(FORTIO);
    expect(await overflow()).toBe(0);
  });

  it("the solution's breaker fails most calls fast in the caller's sidecar", async () => {
    expect(goLive(lab, compiled(lab.solution), session.cluster)).toEqual({ ok: true });
    await session.run(FORTIO);
    expect(await overflow()).toBeGreaterThanOrEqual(15);
  });

  it('code that does not compile never goes live; code that lacks the class says why, in both languages', async () => {
    const broken = await gradeWorkspace(lab, { 'circuit-breaker.ts': 'export class {' });
    expect(broken.report.status).toBe('compile-error');
    expect(broken.modules).toBeUndefined();
    const missing = goLive(lab, compiled({ 'circuit-breaker.ts': 'export const x = 1;' }), session.cluster);
    expect(missing).toMatchObject({ ok: false, why: { ko: expect.stringContaining('CircuitBreaker') } });
  });

  it('a config lab has nothing to plug in', () => {
    expect(goLive(getLab('request-routing')!, compiled({}), session.cluster)).toBeUndefined();
  });
});
