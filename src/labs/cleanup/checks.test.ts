import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import type { JournalEntry } from '../mesh';
import { getLab } from '../registry';
import { solutionJournal } from '../solution-replay';

const lab = getLab('cleanup')!;

const journal = (lines: readonly string[]): JournalEntry[] =>
  lines.map((run, i) => ({ at: 1_000 * (i + 1), run, ms: 120_000 }));

async function results(step: string, entries: JournalEntry[]) {
  const report = await runChecks(lab, lab.starter, { step, journal: entries });
  return Object.fromEntries(report.results.map((r) => [r.id, r]));
}

// The cluster decides, not the commands: another route to the clean state passes, near misses fail on what is left.
describe('the cleanup checks', { timeout: 120_000 }, () => {
  it('fail the Bookinfo step when only the app is deleted: its routing rules and policy stay', async () => {
    const r = await results('bookinfo', journal(['kubectl delete -f samples/bookinfo/platform/kube/bookinfo.yaml']));
    expect(r['bookinfo-gone']!.status).toBe('pass');
    expect(r['default-config-gone']!.status).toBe('fail');
    expect(r['default-config-gone']!.seen!.en).toContain('authorizationpolicy.security.istio.io/productpage-viewer');
    expect(r['default-config-gone']!.seen!.en).toContain('gateway.networking.istio.io/bookinfo-gateway');
  });

  it('fail the mesh step when only the namespaces go: the mesh-wide policy and filter stay in istio-system', async () => {
    const entries = [...solutionJournal(lab, 1), ...journal(['kubectl delete ns foo bar legacy'])];
    const r = await results('mesh-and-namespaces', entries);
    expect(r['task-namespaces-gone']!.status).toBe('pass');
    expect(r['mesh-config-gone']!.status).toBe('fail');
    expect(r['mesh-config-gone']!.seen!.en).toBe(
      'envoyfilter.networking.istio.io/filter-local-ratelimit-svc, peerauthentication.security.istio.io/default',
    );
  });

  it('fail the mesh step when Istio is uninstalled to get rid of its config', async () => {
    const entries = [
      ...solutionJournal(lab, 1),
      ...journal(['istioctl uninstall --purge -y', 'kubectl delete ns foo bar legacy']),
    ];
    const r = await results('mesh-and-namespaces', entries);
    expect(r['mesh-config-gone']!.status).toBe('fail');
    expect(r['mesh-config-gone']!.seen!.en).toBe('no istiod: Istio was uninstalled');
  });

  it('pass both steps by deleting the files that made the objects, not by kind', async () => {
    const entries = journal([
      'kubectl delete -f samples/bookinfo/networking/virtual-service-all-v1.yaml',
      'kubectl delete -f samples/bookinfo/networking/destination-rule-all.yaml',
      'kubectl delete -f samples/bookinfo/networking/bookinfo-gateway.yaml',
      'kubectl delete -f samples/bookinfo/platform/kube/bookinfo.yaml',
      'kubectl delete -f part-3-leftovers.yaml',
      'kubectl delete ns foo bar legacy',
    ]);
    for (const step of ['bookinfo', 'mesh-and-namespaces']) {
      const r = await results(step, entries);
      expect(Object.values(r).map((c) => [c.id, c.status])).toEqual(Object.values(r).map((c) => [c.id, 'pass']));
    }
  });
});
