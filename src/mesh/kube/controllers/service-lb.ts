/**
 * The cloud controller manager's service controller: a Service of type LoadBalancer gets a load balancer
 * from the cloud provider, and its address appears in status.loadBalancer.ingress once provisioned —
 * until then kubectl shows EXTERNAL-IP `<pending>`. Services with a loadBalancerClass belong to another
 * controller and are left alone, as NKS does.
 */
import { groupKindOf, TYPES } from '../resources';
import type { Service } from '../types';
import type { ControllerContext } from './context';

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

export type LoadBalancerResult =
  | { ok: true; ingress: LoadBalancerIngress[]; delayMs: number }
  /** The provider refused the request (bad annotation…): the service stays pending with a warning event. */
  | { ok: false; message: string };

/** The cloud side, supplied by the composition root (the default plays NAVER Cloud's NKS, see ncloud-lb.ts). */
export interface LoadBalancerProvider {
  ensureLoadBalancer(service: Service): LoadBalancerResult;
}

const COMPONENT = { component: 'service-controller' };

export function startServiceController(ctx: ControllerContext, provider: LoadBalancerProvider): void {
  const provisioning = new Set<string>();
  ctx.watch(groupKindOf(TYPES.Service), (event) => {
    if (event.type === 'DELETED') {
      provisioning.delete(event.object.metadata.uid);
      return;
    }
    const { namespace, name } = event.object.metadata;
    ctx.enqueue(`service-lb/${namespace}/${name}`, () => reconcile(ctx, provider, provisioning, namespace ?? '', name));
  });
}

function reconcile(
  ctx: ControllerContext,
  provider: LoadBalancerProvider,
  provisioning: Set<string>,
  namespace: string,
  name: string,
): void {
  const { api } = ctx;
  const service = api.get<Service>(TYPES.Service, namespace, name);
  if (service === undefined) return;
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  const wantsBalancer = service.spec?.type === 'LoadBalancer' && service.spec.loadBalancerClass === undefined;
  if (!wantsBalancer) {
    if (ingress.length > 0) {
      api.mutate<Service>(TYPES.Service, namespace, name, (s) => {
        s.status = { ...s.status, loadBalancer: {} };
      });
      ctx.events.normal(service, 'DeletedLoadBalancer', 'Deleted load balancer', COMPONENT);
    }
    return;
  }
  const uid = service.metadata.uid;
  if (ingress.length > 0 || provisioning.has(uid)) return;
  provisioning.add(uid);
  ctx.events.normal(service, 'EnsuringLoadBalancer', 'Ensuring load balancer', COMPONENT);
  const result = provider.ensureLoadBalancer(service);
  if (!result.ok) {
    ctx.events.warning(
      service,
      'SyncLoadBalancerFailed',
      `Error syncing load balancer: failed to ensure load balancer: ${result.message}`,
      COMPONENT,
    );
    return;
  }
  ctx.after(result.delayMs, () => {
    if (!provisioning.delete(uid)) return;
    const updated = api.mutate<Service>(TYPES.Service, namespace, name, (s) => {
      if (s.metadata.uid !== uid || s.spec?.type !== 'LoadBalancer') return false;
      s.status = { ...s.status, loadBalancer: { ingress: result.ingress } };
      return true;
    });
    if (updated?.status?.loadBalancer?.ingress !== undefined)
      ctx.events.normal(updated, 'EnsuredLoadBalancer', 'Ensured load balancer', COMPONENT);
  });
}
