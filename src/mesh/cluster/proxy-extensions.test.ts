import { describe, expect, it } from 'vitest';
import { createShell } from '../cli/index';
import { SAMPLE_FILES } from '../apps';
import { localReply, type HttpFilterFactory, type RequestBreaker } from '../envoy';
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
    expect(cluster.istio.proxyStatus().every((row) => row.xds.CDS?.status === 'SYNCED')).toBe(true);
    cluster.dispose();
  });

  it("runs a lab's HTTP filter in the sidecars an EnvoyFilter puts it into", async () => {
    const cluster = await createCluster({ preset: 'istio' });
    const teapotFilter = `
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: teapot
spec:
  workloadSelector:
    labels:
      app: httpbin
  configPatches:
    - applyTo: HTTP_FILTER
      match:
        context: SIDECAR_INBOUND
        listener:
          filterChain:
            filter:
              name: envoy.filters.network.http_connection_manager
              subFilter:
                name: envoy.filters.http.router
      patch:
        operation: INSERT_BEFORE
        value:
          name: meshdojo.teapot
          typed_config:
            '@type': type.googleapis.com/udpa.type.v1.TypedStruct
            type_url: type.googleapis.com/meshdojo.Teapot
            value:
              path: /coffee
`;
    const shell = await createShell(cluster, { files: { ...SAMPLE_FILES, 'teapot.yaml': teapotFilter } });
    // A learner's filter, as a code lab would plug it in: 418 for one path, a header on every response.
    const teapot: HttpFilterFactory = {
      name: 'meshdojo.teapot',
      createFilter: (config) => {
        const path = (config as { path: string }).path;
        return {
          decodeHeaders: (stream) => (stream.request.path === path ? localReply(418, "I'm a teapot\n") : undefined),
          encodeHeaders: (_stream, response) => {
            response.headers['x-teapot'] = 'short and stout';
          },
        };
      },
    };
    expect(cluster.setProxyExtensions({ httpFilters: [teapot] })).toEqual([]);
    await shell.run('kubectl label namespace default istio-injection=enabled');
    await shell.run('kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml');
    const curl = async (path: string): Promise<string> =>
      (await shell.run(`kubectl exec deploy/sleep -- curl -s -i http://httpbin:8000${path}`)).stdout;
    // No http_filters entry names it yet: the sidecars have the filter but do not run it.
    expect(await curl('/coffee')).toMatch(/^HTTP\/1\.1 404/);
    expect((await shell.run('kubectl apply -f teapot.yaml')).exitCode).toBe(0);
    const coffee = await curl('/coffee');
    expect(coffee).toMatch(/^HTTP\/1\.1 418/);
    expect(coffee).toContain("I'm a teapot");
    expect(await curl('/get')).toMatch(/^HTTP\/1\.1 200[^]*x-teapot: short and stout/);
    cluster.dispose();
  });
});
