import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import { getLab } from '../registry';
import { solutionJournal } from '../solution-replay';

const lab = getLab('ingress-nks')!;
const FILE = 'bookinfo-gateway.yaml';
const starter = lab.starter[FILE]!;
const [gateway = '', virtualService = ''] = starter.split('\n---\n');

const hostOnly = async (file: string) =>
  (await runChecks(lab, { [FILE]: file }, { step: 'host-only', journal: solutionJournal(lab, 2) })).results.map((r) => [
    r.id,
    r.status,
  ]);

// The gateway routes a host only where the Gateway's server and the VirtualService both accept it, so narrowing
// either one is a correct answer; graded by requests, not by which field the learner edited.
describe('ingress-nks grades the hosts by requests from outside', { timeout: 120_000 }, () => {
  it('passes when only the VirtualService names the host', async () => {
    const narrowed = `${gateway}\n---\n${virtualService.replace("    - '*'", '    - bookinfo.example.com')}`;
    expect(await hostOnly(narrowed)).toEqual([
      ['named-host-served', 'pass'],
      ['other-hosts-refused', 'pass'],
    ]);
  });

  it('passes when only the Gateway names the host', async () => {
    const narrowed = `${gateway.replace("        - '*'", '        - bookinfo.example.com')}\n---\n${virtualService}`;
    expect(await hostOnly(narrowed)).toEqual([
      ['named-host-served', 'pass'],
      ['other-hosts-refused', 'pass'],
    ]);
  });

  it('fails when the host is misspelt: nothing is served at all', async () => {
    const wrong = starter.replaceAll("'*'", 'bookinfo.example.org');
    expect(await hostOnly(wrong)).toEqual([
      ['named-host-served', 'fail'],
      ['other-hosts-refused', 'pass'],
    ]);
  });
});
