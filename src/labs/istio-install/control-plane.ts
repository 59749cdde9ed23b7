/**
 * What the istio-install checks read from the learner's cluster: istiod's Deployment and the gateways' Services
 * in istio-system, as kubectl would show them. The load balancer's address arrives a few seconds after the
 * Service (NKS provisions it), so the checks wait for it on the virtual clock as a learner waits on `<pending>`.
 */
import type { SimCluster } from '../mesh';
import type { CheckContext } from '../schema';

export const LAYER_TYPE = 'service.beta.kubernetes.io/ncloud-load-balancer-layer-type';

interface DeploymentObject {
  spec?: { replicas?: number };
  status?: { availableReplicas?: number };
}

export interface ServiceObject {
  metadata: { annotations?: Record<string, string> };
  spec?: { type?: string };
  status?: { loadBalancer?: { ingress?: Array<{ hostname?: string; ip?: string }> } };
}

function get<T>(cluster: SimCluster, resource: string, name: string): T | undefined {
  const type = cluster.kube.resolveResource(resource);
  return type === undefined ? undefined : (cluster.kube.get(type, 'istio-system', name) as T | undefined);
}

/** Ready replicas of a Deployment in istio-system (undefined: there is no such Deployment). */
export function availableReplicas(cluster: SimCluster, name: string): number | undefined {
  const deployment = get<DeploymentObject>(cluster, 'deployments', name);
  return deployment === undefined ? undefined : (deployment.status?.availableReplicas ?? 0);
}

export function gatewayService(cluster: SimCluster): ServiceObject | undefined {
  return get<ServiceObject>(cluster, 'services', 'istio-ingressgateway');
}

/** The ingress gateway's load balancer host name, waiting up to a minute of virtual time for NKS to provision it. */
export async function gatewayHostname(ctx: CheckContext): Promise<string | undefined> {
  return ctx.sim(async (cluster) => {
    for (let second = 0; second < 60; second++) {
      const service = gatewayService(cluster);
      if (service === undefined) return undefined;
      const hostname = service.status?.loadBalancer?.ingress?.[0]?.hostname;
      if (hostname !== undefined) return hostname;
      await cluster.clock.sleep(1000);
    }
    return undefined;
  });
}
