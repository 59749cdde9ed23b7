/** Where traffic from outside the cluster enters: the address of istio-ingressgateway's load balancer. */
import type { SimCluster } from '../mesh';

/**
 * The gateway's address as `kubectl get svc istio-ingressgateway` shows it under EXTERNAL-IP: on NKS the NCP
 * load balancer's host name. Throws while the address is `<pending>`.
 */
export function ingressHost(cluster: SimCluster): string {
  const services = cluster.kube.resolveResource('services');
  const service =
    services === undefined ? undefined : cluster.kube.get(services, 'istio-system', 'istio-ingressgateway');
  const status = (
    service as { status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } } | undefined
  )?.status;
  const ingress = status?.loadBalancer?.ingress?.[0];
  const host = ingress?.hostname ?? ingress?.ip;
  if (host === undefined) throw new Error('the ingress gateway has no load balancer address');
  return host;
}
