import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionJournal } from '../solution-replay';
import type { JournalEntry } from '../mesh';

const lab = getLab('sidecar-injection')!;
const FILE = 'ratings-v1.yaml';

const status = async (files: Record<string, string>, step: string, journal: JournalEntry[] = []) =>
  (await runChecks(lab, files, { step, journal })).results.map((r) => r.status);

// Graded on the pods, not on the commands or the YAML: other ways to the same cluster pass, near misses fail.
describe('sidecar-injection grades the pods, whatever the route to them', { timeout: 120_000 }, () => {
  it('passes the inject step when the learner deleted the pods instead of restarting the Deployments', async () => {
    const journal: JournalEntry[] = [
      { at: 1_000, run: 'kubectl label namespace default istio-injection=enabled', ms: 500 },
      { at: 2_000, run: 'kubectl delete pods --all', ms: 2_000 },
    ];
    expect(await status(lab.starter, 'inject', journal)).toEqual(['pass']);
  });

  it('fails the inject step while only the namespace is labelled', async () => {
    const journal: JournalEntry[] = [
      { at: 1_000, run: 'kubectl label namespace default istio-injection=enabled', ms: 500 },
    ];
    expect(await status(lab.starter, 'inject', journal)).toEqual(['fail']);
  });

  it('fails the opt-out step when the label sits on the Deployment instead of its pod template', async () => {
    const onDeployment = lab.starter[FILE]!.replace(
      /^ {4}version: v1$/m,
      '    version: v1\n    sidecar.istio.io/inject: "false"',
    );
    expect(onDeployment).not.toEqual(lab.starter[FILE]);
    expect(await status({ [FILE]: onDeployment }, 'opt-out', solutionJournal(lab, 2))).toEqual(['fail']);
  });
});
