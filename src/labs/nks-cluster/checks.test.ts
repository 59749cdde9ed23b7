import { describe, expect, it } from 'vitest';
import { runChecks } from '../grader/run-checks';
import type { JournalEntry } from '../mesh';
import { getLab } from '../registry';

const lab = getLab('nks-cluster')!;
const UUID = '0b8e7a3c-5d2f-4c1a-9e6b-7f3d2a1c4b5e';
const line = (run: string): JournalEntry => ({ at: 0, run, ms: 60_000 });

const outcome = async (journal: JournalEntry[]) => {
  const report = await runChecks(lab, lab.starter, { step: 'kubeconfig', journal });
  return Object.fromEntries(report.results.map((r) => [r.id, { status: r.status, seen: r.seen?.en }]));
};

// Step 2 is graded on the learner's own terminal, replayed from its journal: the keys and the kubeconfig may come
// by any route the tool supports, and what the journal carries (a here-document, an export) must rebuild it.
describe('nks-cluster grades what the learner’s terminal does, by any route', { timeout: 60_000 }, () => {
  it('passes keys written to a ~/.ncloud/configure profile with a here-document, then update-kubeconfig', async () => {
    const journal = [
      line(
        [
          'mkdir -p ~/.ncloud && cat > ~/.ncloud/configure <<EOF',
          '[project]',
          'ncloud_access_key_id = AK',
          'ncloud_secret_access_key = SK',
          'ncloud_api_url = https://ncloud.apigw.ntruss.com',
          'EOF',
        ].join('\n'),
      ),
      line(`ncp-iam-authenticator update-kubeconfig --region KR --clusterUuid ${UUID} --profile project`),
    ];
    const results = await outcome(journal);
    expect(results['kubectl-reaches-cluster']).toEqual({ status: 'pass', seen: '3 nodes' });
    expect(results['kubeconfig-uses-iam']?.status).toBe('pass');
    expect(results['kubeconfig-uses-iam']?.seen).toContain('--profile project');
  });

  it('passes exported keys and a kubeconfig chosen with KUBECONFIG', async () => {
    const journal = [
      line('export NCLOUD_ACCESS_KEY_ID=AK NCLOUD_SECRET_ACCESS_KEY=SK NCLOUD_API_GW=https://ncloud.apigw.ntruss.com'),
      line(`ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${UUID} -o /tmp/nks.yaml`),
      line('export KUBECONFIG=/tmp/nks.yaml'),
    ];
    const results = await outcome(journal);
    expect(results['kubectl-reaches-cluster']?.status).toBe('pass');
    expect(results['kubeconfig-uses-iam']?.status).toBe('pass');
  });

  it('fails a kubeconfig made but not pointed at, and says what kubectl answered', async () => {
    const journal = [
      line('export NCLOUD_ACCESS_KEY=AK NCLOUD_SECRET_KEY=SK NCLOUD_API_GW=https://ncloud.apigw.ntruss.com'),
      line(`ncp-iam-authenticator create-kubeconfig --region KR --clusterUuid ${UUID}`),
    ];
    const results = await outcome(journal);
    expect(results['kubectl-reaches-cluster']).toEqual({
      status: 'fail',
      seen: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    });
    expect(results['kubeconfig-uses-iam']?.status).toBe('fail');
  });

  it('fails step 1 when one of the three values is missing, quoting the tool', async () => {
    const files = { 'api-keys.env': 'export NCLOUD_ACCESS_KEY=AK\nexport NCLOUD_SECRET_KEY=SK\n' };
    const report = await runChecks(lab, files, { step: 'api-keys' });
    expect(report.results[0]).toMatchObject({ status: 'fail', seen: { en: 'Error: failed to get token' } });
  });
});
