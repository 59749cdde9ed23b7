import { describe, expect, it } from 'vitest';
import { HttpClient, HttpClientError } from './http-client';
import { TestCluster } from './testing/test-cluster';

describe('sleep / curl pods', () => {
  it('listen on nothing, so their Service port refuses connections', async () => {
    const cluster = new TestCluster();
    const { workload } = cluster.deploy('curlimages/curl:8.16.0', 'sleep-7656cf8794-8fhdk', 'sleep');
    expect(workload.ports).toEqual([]);
    const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
    const error = await cluster.run(() => client.get('http://sleep/').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(HttpClientError);
    expect((error as HttpClientError).curlExitCode).toBe(7);
  });

  it('run hostname and sleep; other programs (curl) are left to the CLI', async () => {
    const cluster = new TestCluster();
    const { workload } = cluster.deploy('curlimages/curl', 'curl-5b549b49b8-mg7nl');
    const hostname = await cluster.run(() => workload.exec!(['hostname'])!);
    expect(hostname).toMatchObject({ stdout: 'curl-5b549b49b8-mg7nl\n', exitCode: 0 });
    const started = cluster.clock.now();
    const slept = await cluster.run(() => workload.exec!(['/bin/sleep', '2'])!);
    expect([slept.exitCode, cluster.clock.now() - started]).toEqual([0, 2000]);
    expect(workload.exec!(['curl', 'http://httpbin:8000/get'])).toBeUndefined();
  });
});
