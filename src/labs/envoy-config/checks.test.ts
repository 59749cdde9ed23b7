import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';

const lab = getLab('envoy-config')!;
const FILE = 'front-envoy.yaml';
const solution = lab.solution[FILE]!;

async function grade(file: string, step: string) {
  const report = await runChecks(lab, { ...lab.solution, [FILE]: file }, { step });
  return report.results.map((r) => ({ id: r.id, status: r.status, seen: r.seen?.en ?? '' }));
}

// The checks grade where requests went, never the YAML: other correct configs pass, and a wrong one is told
// what answered each path, or why Envoy answered nothing.
describe('envoy-config checks', { timeout: 60_000 }, () => {
  it('pass a different correct config: one LOGICAL_DNS cluster, a regex route, other names', async () => {
    const variant = solution
      .replace(/- match: \{ path: \/api \}\n\s+route: \{ cluster: catalog \}\n\s+/, '')
      .replace('prefix: /api/', "safe_regex: { regex: '/api(/.*)?' }")
      .replaceAll('cluster: catalog', 'cluster: books-api')
      .replace('- name: catalog\n          type: STRICT_DNS', '- name: books-api\n          type: LOGICAL_DNS')
      .replace('cluster_name: catalog', 'cluster_name: books-api');
    const results = await grade(variant, 'split');
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['api-to-catalog', 'pass'],
      ['lookalikes-to-storefront', 'pass'],
    ]);
  });

  it('says /apiary reached catalog when the route is a bare prefix', async () => {
    const prefix = solution
      .replace(/- match: \{ path: \/api \}\n\s+route: \{ cluster: catalog \}\n\s+/, '')
      .replace('prefix: /api/', 'prefix: /api');
    const [api, lookalikes] = await grade(prefix, 'split');
    expect(api!.status).toBe('pass');
    expect(lookalikes).toMatchObject({ status: 'fail' });
    expect(lookalikes!.seen).toContain('/apiary → catalog');
  });

  it('quotes Envoy’s last log line when a STATIC cluster names a host and Envoy will not start', async () => {
    const [result] = await grade(solution.replaceAll('type: STRICT_DNS', 'type: STATIC'), 'one-cluster');
    expect(result!.status).toBe('fail');
    expect(result!.seen).toMatch(/^\/ → no answer \(curl exit code \d+\)/);
    expect(result!.seen).toContain(
      "front-envoy pod: CrashLoopBackOff, Envoy's last log line: malformed IP address: catalog. Consider setting resolver_name or setting cluster type to 'STRICT_DNS' or 'LOGICAL_DNS'",
    );
  });
});
