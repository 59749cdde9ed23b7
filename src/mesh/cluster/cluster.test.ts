import { describe, expect, it } from 'vitest';
import { createCluster } from '.';

describe('createCluster', () => {
  it('is deterministic: the same seed gives the same pod names and addresses', async () => {
    const names = async (): Promise<string[]> => {
      const cluster = await createCluster({ seed: 42, preset: 'istio' });
      const pods = cluster.kube.list(cluster.kube.resolveResource('pods')!, 'istio-system');
      cluster.dispose();
      return pods.map((p) => `${p.metadata.name} ${String((p.status as { podIP?: string }).podIP)}`);
    };
    expect(await names()).toEqual(await names());
  });

  it('starts an NKS-like cluster: nodes, kube-system, no Istio', async () => {
    const cluster = await createCluster({ preset: 'bare' });
    expect(cluster.kube.list(cluster.kube.resolveResource('nodes')!).length).toBe(3);
    expect(cluster.istio.installed()).toBe(false);
    expect(cluster.kube.resolveResource('virtualservices')).toBeUndefined();
    cluster.dispose();
  });

  it('the laptop reaches the ingress gateway only through its load balancer', async () => {
    const cluster = await createCluster({ preset: 'bookinfo' });
    const svc = cluster.kube.get(cluster.kube.resolveResource('svc')!, 'istio-system', 'istio-ingressgateway');
    const hostname = (svc?.status as { loadBalancer: { ingress: { hostname: string }[] } }).loadBalancer.ingress[0]!
      .hostname;
    expect(cluster.laptop.resolve(hostname)).toBeDefined();
    expect(cluster.laptop.resolve('productpage.default.svc.cluster.local')).toBeUndefined();
    cluster.dispose();
  });
});
