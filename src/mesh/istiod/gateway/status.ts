/**
 * What istiod's gateway controller reports in status (pilot/pkg/config/kube/gateway/conditions.go): a
 * Gateway is Accepted, and Programmed once its Service has the addresses it asked for (a LoadBalancer's
 * from the cloud, else the Service's cluster host name); each listener counts the routes attached to it; an
 * HTTPRoute says, per parent, whether it was accepted and whether its backends resolved.
 */
import type { KubeObject, Namespace, Service } from '../../kube';
import type { HTTPRouteSpec, K8sGatewaySpec, ParentReference } from '../model/gateway-api';
import { isMeshParent } from '../model/convert-gateway-api';
import { deploymentName, serviceType } from './deployment';
import { ISTIO_GATEWAY_CONTROLLER } from './gateway-classes';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}

type NewCondition = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

/** Conditions with their transition time kept while their status stays the same, as controllers do. */
function withTimes(conditions: NewCondition[], previous: unknown, generation: number, now: string): Condition[] {
  const before = Array.isArray(previous) ? (previous as Condition[]) : [];
  return conditions.map((c) => {
    const old = before.find((o) => o.type === c.type);
    const lastTransitionTime = old !== undefined && old.status === c.status ? old.lastTransitionTime : now;
    return { ...c, observedGeneration: generation, lastTransitionTime };
  });
}

/** "a", "a and b", "a, b, and c" (Istio's humanReadableJoin). */
function humanJoin(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

export interface ClusterView {
  readonly gateways: readonly KubeObject[];
  readonly routes: readonly KubeObject[];
  readonly services: readonly Service[];
  readonly namespaces: readonly Namespace[];
  readonly domainSuffix: string;
  readonly now: string;
}

function gatewayParents(route: KubeObject): ParentReference[] {
  return ((route.spec ?? {}) as HTTPRouteSpec).parentRefs?.filter((p) => (p.kind ?? 'Gateway') === 'Gateway') ?? [];
}

function refersTo(route: KubeObject, ref: ParentReference, gateway: KubeObject): boolean {
  return (
    ref.name === gateway.metadata.name && (ref.namespace ?? route.metadata.namespace) === gateway.metadata.namespace
  );
}

type Listener = NonNullable<K8sGatewaySpec['listeners']>[number] & {
  allowedRoutes?: { namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string> } } };
};

function allowsNamespace(listener: Listener, gateway: KubeObject, namespace: string, view: ClusterView): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return namespace === gateway.metadata.namespace;
  const wanted = listener.allowedRoutes?.namespaces?.selector?.matchLabels ?? {};
  const labels = view.namespaces.find((n) => n.metadata.name === namespace)?.metadata.labels ?? {};
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

const ROUTE_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
};

function attachedRoutes(listener: Listener, gateway: KubeObject, view: ClusterView): number {
  const kinds = ROUTE_KINDS[listener.protocol] ?? [];
  return view.routes.filter(
    (route) =>
      kinds.includes(route.kind) &&
      gatewayParents(route).some(
        (ref) =>
          refersTo(route, ref, gateway) &&
          (ref.sectionName === undefined || ref.sectionName === listener.name) &&
          (ref.port === undefined || ref.port === listener.port) &&
          allowsNamespace(listener, gateway, route.metadata.namespace ?? 'default', view),
      ),
  ).length;
}

function listenerStatus(listener: Listener, gateway: KubeObject, view: ClusterView, previous: unknown) {
  const old = Array.isArray(previous)
    ? (previous as { name: string; conditions?: unknown }[]).find((l) => l.name === listener.name)
    : undefined;
  const ok = (type: string): NewCondition => ({ type, status: 'True', reason: type, message: 'No errors found' });
  return {
    attachedRoutes: attachedRoutes(listener, gateway, view),
    conditions: withTimes(
      [ok('Accepted'), { ...ok('NoConflicts'), status: 'False' }, ok('Programmed'), ok('ResolvedRefs')],
      old?.conditions,
      gateway.metadata.generation,
      view.now,
    ),
    name: listener.name,
    supportedKinds: (ROUTE_KINDS[listener.protocol] ?? []).map((kind) => ({
      group: 'gateway.networking.k8s.io',
      kind,
    })),
  };
}

export function gatewayStatus(gateway: KubeObject, view: ClusterView): Record<string, unknown> {
  const spec = (gateway.spec ?? {}) as K8sGatewaySpec;
  const previous = (gateway.status ?? {}) as { conditions?: unknown; listeners?: unknown };
  const namespace = gateway.metadata.namespace ?? 'default';
  const host = `${deploymentName(gateway)}.${namespace}.svc.${view.domainSuffix}`;
  const service = view.services.find(
    (s) => s.metadata.namespace === namespace && s.metadata.name === deploymentName(gateway),
  );
  const ports = [...new Set((spec.listeners ?? []).map((l) => l.port))];
  const assigned = humanJoin(ports.map((p) => `${host}:${p}`));
  const ingress = service?.status?.loadBalancer?.ingress ?? [];
  const pending = serviceType(gateway) === 'LoadBalancer' && ingress.length === 0;
  const addresses = pending
    ? [{ type: 'Hostname', value: host }]
    : serviceType(gateway) === 'LoadBalancer'
      ? ingress.map((i) =>
          i.ip !== undefined ? { type: 'IPAddress', value: i.ip } : { type: 'Hostname', value: i.hostname ?? '' },
        )
      : [{ type: 'Hostname', value: host }];
  const programmed: NewCondition = pending
    ? {
        type: 'Programmed',
        status: 'False',
        reason: 'AddressNotAssigned',
        message: `Assigned to service(s) ${assigned}, but failed to assign to all requested addresses: address pending for hostname "${host}"`,
      }
    : {
        type: 'Programmed',
        status: 'True',
        reason: 'Programmed',
        message: `Resource programmed, assigned to service(s) ${assigned}`,
      };
  return {
    addresses,
    conditions: withTimes(
      [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Resource accepted' }, programmed],
      previous.conditions,
      gateway.metadata.generation,
      view.now,
    ),
    listeners: (spec.listeners ?? []).map((l) => listenerStatus(l as Listener, gateway, view, previous.listeners)),
  };
}

function backendsResolved(route: KubeObject, view: ClusterView): NewCondition {
  const namespace = route.metadata.namespace ?? 'default';
  for (const rule of ((route.spec ?? {}) as HTTPRouteSpec).rules ?? []) {
    for (const ref of rule.backendRefs ?? []) {
      if ((ref.kind ?? 'Service') !== 'Service') continue;
      const ns = ref.namespace ?? namespace;
      if (!view.services.some((s) => s.metadata.namespace === ns && s.metadata.name === ref.name))
        return {
          type: 'ResolvedRefs',
          status: 'False',
          reason: 'BackendNotFound',
          message: `backend(${ref.name}.${ns}.svc.${view.domainSuffix}) not found`,
        };
    }
  }
  return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'All references resolved' };
}

/** Why a parent does not take the route, or undefined when it does. */
function parentRefusal(route: KubeObject, ref: ParentReference, view: ClusterView): NewCondition | undefined {
  if ((ref.kind ?? 'Gateway') !== 'Gateway') return undefined;
  const gateway = view.gateways.find((g) => refersTo(route, ref, g));
  if (gateway === undefined)
    return { type: 'Accepted', status: 'False', reason: 'NoReadyListeners', message: 'parent not found' };
  const listeners = ((gateway.spec ?? {}) as K8sGatewaySpec).listeners ?? [];
  const namespace = route.metadata.namespace ?? 'default';
  const allowed = listeners.some(
    (l) =>
      (ref.sectionName === undefined || ref.sectionName === l.name) &&
      allowsNamespace(l as Listener, gateway, namespace, view),
  );
  return allowed
    ? undefined
    : { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', message: 'no listeners allowed the route' };
}

/** The parents istiod manages: Gateways of class istio, and Services and ServiceEntries (the mesh). */
function managedParent(route: KubeObject, ref: ParentReference, view: ClusterView): boolean {
  if (isMeshParent(ref)) return true;
  const gateway = view.gateways.find((g) => refersTo(route, ref, g));
  return gateway === undefined || (gateway.spec as K8sGatewaySpec | undefined)?.gatewayClassName === 'istio';
}

/** An HTTPRoute's or TCPRoute's status: per managed parent, whether it took the route and whether backends resolved. */
export function routeStatus(route: KubeObject, view: ClusterView): Record<string, unknown> {
  const previous = ((route.status ?? {}) as { parents?: { parentRef: ParentReference; conditions?: unknown }[] })
    .parents;
  const resolved = backendsResolved(route, view);
  const parents = (((route.spec ?? {}) as HTTPRouteSpec).parentRefs ?? [])
    .filter((ref) => managedParent(route, ref, view))
    .map((ref) => {
      const parentRef = { group: ref.group ?? 'gateway.networking.k8s.io', kind: ref.kind ?? 'Gateway', ...ref };
      const old = previous?.find((p) => JSON.stringify(p.parentRef) === JSON.stringify(parentRef));
      const accepted = parentRefusal(route, ref, view) ?? {
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        message: 'Route was valid',
      };
      return {
        conditions: withTimes([accepted, resolved], old?.conditions, route.metadata.generation, view.now),
        controllerName: ISTIO_GATEWAY_CONTROLLER,
        parentRef,
      };
    });
  return { parents };
}
