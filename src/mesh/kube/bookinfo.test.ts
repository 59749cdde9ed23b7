import { describe, expect, it } from 'vitest';
import { summarizePod } from './pods';
import { lines, testCluster } from './testing/fixtures';
import type { Pod } from './types';

/** Bookinfo's shape (services, accounts, deployments with emptyDir volumes and env), built here. */
function bookinfo(): unknown[] {
  const docs: unknown[] = [];
  const workloads: [string, string[]][] = [
    ['details', ['v1']],
    ['ratings', ['v1']],
    ['reviews', ['v1', 'v2', 'v3']],
    ['productpage', ['v1']],
  ];
  for (const [app, versions] of workloads) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, labels: { app, service: app } },
      spec: { ports: [{ port: 9080, name: 'http' }], selector: { app } },
    });
    docs.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `bookinfo-${app}`, labels: { account: app } },
    });
    for (const version of versions) {
      const labels = { app, version };
      docs.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `${app}-${version}`, labels },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels, annotations: { 'prometheus.io/scrape': 'true' } },
            spec: {
              serviceAccountName: `bookinfo-${app}`,
              containers: [
                {
                  name: app,
                  image: `docker.io/istio/examples-bookinfo-${app}-${version}:1.20.1`,
                  imagePullPolicy: 'IfNotPresent',
                  env: [{ name: 'LOG_DIR', value: '/tmp/logs' }],
                  ports: [{ containerPort: 9080 }],
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                  securityContext: { runAsUser: 1000 },
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      });
    }
  }
  return docs;
}

describe('Bookinfo on a labelled namespace', () => {
  it('applies cleanly and comes up 2/2 Running with endpoints for every service', async () => {
    const { kube, clock } = testCluster({ seed: 2026 });
    kube.installIstioCrds();
    kube.enableSidecarInjection();
    expect(kube.label('namespace', 'default', { 'istio-injection': 'enabled' }, { namespace: 'default' }).ok).toBe(
      true,
    );
    const results = kube.applyAll(bookinfo(), { namespace: 'default' });
    expect(lines(results).filter((l) => !l.endsWith(' created'))).toEqual([]);
    await clock.advance(15_000);
    const pods = kube.list<Pod>('pods', 'default');
    expect(pods).toHaveLength(6);
    expect(pods.map((p) => `${summarizePod(p).ready} ${summarizePod(p).status}`)).toEqual(Array(6).fill('2/2 Running'));
    for (const app of ['details', 'ratings', 'reviews', 'productpage']) {
      const endpoints = kube.get<{ subsets?: { addresses?: unknown[] }[] } & Pod>('endpoints', 'default', app)!;
      expect(endpoints.subsets?.[0]?.addresses?.length).toBe(app === 'reviews' ? 3 : 1);
    }
    // A second apply of the same stream changes nothing.
    expect(new Set(lines(kube.applyAll(bookinfo(), { namespace: 'default' })).map((l) => l.split(' ').at(-1)))).toEqual(
      new Set(['unchanged']),
    );
    const gateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    };
    const route = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'bookinfo' },
      spec: {
        hosts: ['*'],
        gateways: ['bookinfo-gateway'],
        http: [
          {
            match: [{ uri: { exact: '/productpage' } }, { uri: { prefix: '/static' } }, { uri: { exact: '/login' } }],
            route: [{ destination: { host: 'productpage', port: { number: 9080 } } }],
          },
        ],
      },
    };
    expect(lines(kube.applyAll([gateway, route], { namespace: 'default' }))).toEqual([
      'gateway.networking.istio.io/bookinfo-gateway created',
      'virtualservice.networking.istio.io/bookinfo created',
    ]);
  });
});
