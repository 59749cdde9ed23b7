import { describe, expect, it } from 'vitest';
import { createShell } from '../cli/index';
import { createCluster } from '.';

const echo = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - { name: echo, image: hashicorp/http-echo, args: ["-text=${name}", "-listen=:8080"] }
---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec: { selector: { app: ${name} }, ports: [{ port: 8080 }] }
`;

const cluster = (name: string) => `
        - name: ${name}
          type: STRICT_DNS
          load_assignment:
            cluster_name: ${name}
            endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: ${name}, port_value: 8080 } } } }] }]`;

const front = (apiCluster: string): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: front }
data:
  envoy.yaml: |
    static_resources:
      listeners:
        - address: { socket_address: { address: 0.0.0.0, port_value: 10000 } }
          filter_chains:
            - filters:
                - name: envoy.filters.network.http_connection_manager
                  typed_config:
                    "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                    stat_prefix: front
                    route_config:
                      virtual_hosts:
                        - name: all
                          domains: ["*"]
                          routes:
                            - { match: { prefix: /api/ }, route: { cluster: ${apiCluster} } }
                            - { match: { prefix: / }, route: { cluster: web } }
                    http_filters:
                      - name: envoy.filters.http.router
                        typed_config: { "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router }
      clusters:${cluster('api')}${cluster('web')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: front }
spec:
  selector: { matchLabels: { app: front } }
  template:
    metadata: { labels: { app: front } }
    spec:
      containers:
        - name: envoy
          image: envoyproxy/envoy:v1.36.2
          volumeMounts: [{ name: config, mountPath: /etc/envoy }]
      volumes: [{ name: config, configMap: { name: front } }]
---
apiVersion: v1
kind: Service
metadata: { name: front }
spec: { selector: { app: front }, ports: [{ port: 80, targetPort: 10000 }] }
`;

async function frontCluster(apiCluster: string) {
  const sim = await createCluster({ preset: 'bare' });
  const files = { 'backends.yaml': `${echo('api')}---\n${echo('web')}`, 'front.yaml': front(apiCluster) };
  const shell = await createShell(sim, { files });
  await shell.run('kubectl apply -f backends.yaml -f front.yaml');
  await shell.run('kubectl run client --image=curlimages/curl --command -- sleep 3600');
  await shell.run('kubectl wait --for=condition=Ready pod/client');
  return { sim, shell };
}

describe('envoyproxy/envoy from a static bootstrap', { timeout: 60_000 }, () => {
  it('routes by its own route table to the clusters it resolves by DNS', async () => {
    const { sim, shell } = await frontCluster('api');
    const curl = async (path: string) => (await shell.run(`kubectl exec client -- curl -s front${path}`)).stdout;
    expect(await curl('/api/books')).toBe('api\n');
    expect(await curl('/apiary')).toBe('web\n');
    expect(await curl('/')).toBe('web\n');
    const headers = (await shell.run('kubectl exec client -- curl -sI front/')).stdout;
    expect(headers).toContain('server: envoy');
    // No Istio here: nothing of metadata exchange leaks into a plain Envoy's answers.
    expect(headers).not.toContain('x-envoy-peer-metadata');
    sim.dispose();
  });

  it('exits on a route to a cluster nobody defined, so the pod goes CrashLoopBackOff', async () => {
    const { sim, shell } = await frontCluster('catalog');
    await shell.run('sleep 30');
    const pods = (await shell.run('kubectl get pods -l app=front')).stdout;
    expect(pods).toMatch(/front-\S+\s+0\/1\s+CrashLoopBackOff\s+[1-9]/);
    const logs = (await shell.run('kubectl logs deploy/front')).stdout;
    expect(logs).toContain(
      "[critical][main] [source/server/server.cc:131] error initializing configuration '/etc/envoy/envoy.yaml': route: unknown cluster 'catalog'",
    );
    expect(logs.trimEnd().split('\n').at(-1)).toBe("route: unknown cluster 'catalog'");
    sim.dispose();
  });
});
