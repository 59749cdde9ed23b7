import { describe, expect, it } from 'vitest';
import { createShell } from '../cli/index';
import { SAMPLE_FILES } from '../apps';
import type { RequestBreaker } from '../envoy';
import { createCluster } from '.';

const refuseAll = (): RequestBreaker => ({ allowRequest: () => false, onSuccess: () => {}, onFailure: () => {} });
const CURL = 'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code} " http://httpbin:8000/get';

describe('Cluster.setProxyExtensions', () => {
  it('reaches proxies started later and running ones; {} puts the defaults back', async () => {
    const cluster = await createCluster({ preset: 'istio' });
    const shell = await createShell(cluster, { files: SAMPLE_FILES });
    const curl = async (): Promise<string> => (await shell.run(CURL)).stdout;
    // Set before any app pod exists: their sidecars start with it.
    expect(cluster.setProxyExtensions({ requestBreaker: () => refuseAll() })).toEqual([]);
    await shell.run('kubectl label namespace default istio-injection=enabled');
    await shell.run('kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml');
    expect(await curl()).toBe('503 ');
    expect(cluster.setProxyExtensions({})).toEqual([]);
    expect(await curl()).toBe('200 ');
    // Now into running proxies.
    cluster.setProxyExtensions({ requestBreaker: () => refuseAll() });
    expect(await curl()).toBe('503 ');
    cluster.dispose();
  });

  it('names the proxies that refuse modules whose factory throws, and they keep what they had', async () => {
    const cluster = await createCluster({ preset: 'istio' });
    const shell = await createShell(cluster, { files: SAMPLE_FILES });
    await shell.run('kubectl label namespace default istio-injection=enabled');
    await shell.run('kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml');
    const refused = cluster.setProxyExtensions({
      requestBreaker: () => {
        throw new Error('not ready');
      },
    });
    expect(refused.map((r) => r.proxy.replace(/-[a-z0-9]+-[a-z0-9]+\./, '-*.'))).toEqual(
      expect.arrayContaining(['httpbin-*.default', 'sleep-*.default']),
    );
    expect(refused[0]?.message).toMatch(/circuit breaker plugin failed: not ready/);
    expect((await shell.run(CURL)).stdout).toBe('200 ');
    // Nor do pods started afterwards get them: their sidecars would refuse every push.
    await shell.run('kubectl scale deploy/sleep --replicas=2');
    expect(cluster.istio.proxyStatus().every((row) => row.cds === 'SYNCED')).toBe(true);
    cluster.dispose();
  });
});
