/**
 * The default cloud: NAVER Cloud Platform's load balancers as Ncloud Kubernetes Service provisions them for
 * Services of type LoadBalancer. NKS reports a DNS name rather than an IP, shaped like
 * `default-api-gateway-serv-577d1-26867287-5499a5423fed.kr.lb.naverncp.com`: the namespace and service name
 * cut to 24 characters, a short hex tag, the load balancer instance number, and a 12-hex-digit id.
 * The annotation `service.beta.kubernetes.io/ncloud-load-balancer-layer-type` picks a Network Proxy LB
 * (`nplb`) or a Network LB (`nlb`); any other value is refused, as NKS does.
 */
import type { Random } from '../sim';
import type { LoadBalancerProvider, LoadBalancerResult } from './controllers/service-lb';
import { randomHex } from './names';
import type { Service } from './types';

export const NCLOUD_LAYER_TYPE_ANNOTATION = 'service.beta.kubernetes.io/ncloud-load-balancer-layer-type';

export interface NcloudLoadBalancerOptions {
  /** Provisioning time in virtual ms, as [min, max). Real NCP load balancers take minutes; labs want seconds. */
  provisioningMs?: readonly [number, number];
}

export function ncloudLoadBalancerProvider(
  random: Random,
  options: NcloudLoadBalancerOptions = {},
): LoadBalancerProvider {
  const [min, max] = options.provisioningMs ?? [3000, 6000];
  return {
    ensureLoadBalancer(service: Service): LoadBalancerResult {
      const layer = service.metadata.annotations?.[NCLOUD_LAYER_TYPE_ANNOTATION];
      if (layer !== undefined && layer !== 'nplb' && layer !== 'nlb') {
        return {
          ok: false,
          message: `invalid value "${layer}" for annotation ${NCLOUD_LAYER_TYPE_ANNOTATION}: must be "nplb" or "nlb"`,
        };
      }
      const prefix = `${service.metadata.namespace}-${service.metadata.name}`.slice(0, 24).replace(/-+$/, '');
      const instance = 10_000_000 + random.int(90_000_000);
      const hostname = `${prefix}-${randomHex(random, 5)}-${instance}-${randomHex(random, 12)}.kr.lb.naverncp.com`;
      return { ok: true, ingress: [{ hostname }], delayMs: min + random.int(Math.max(1, max - min)) };
    },
  };
}
