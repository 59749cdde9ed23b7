/**
 * istiod's gateway controllers, over the API server: once the Gateway API's CRDs exist, the built-in
 * GatewayClasses; for every Gateway of class `istio`, its automated deployment (deployment.ts) and its
 * status (status.ts); for every HTTPRoute and TCPRoute, its status. Changes are gathered and handled together a moment
 * later, on the clock, as istiod's queue does; each pass writes only what differs.
 */
import type { Kube, KubeObject, Namespace, Service, WatchEvent } from '../../kube';
import { rfc3339 } from '../../kube';
import type { Clock } from '../../sim';
import type { K8sGatewaySpec } from '../model/gateway-api';
import { renderGatewayDeployment } from './deployment';
import { BUILTIN_GATEWAY_CLASSES, gatewayClassManifest } from './gateway-classes';
import { gatewayStatus, routeStatus, type ClusterView } from './status';

/** The kinds whose changes can change what the controller writes. */
const WATCHED = new Set([
  'Gateway',
  'HTTPRoute',
  'TCPRoute',
  'GatewayClass',
  'Service',
  'Namespace',
  'CustomResourceDefinition',
]);
const RECONCILE_DELAY_MS = 100;
const GATEWAYS = 'gateways.gateway.networking.k8s.io';
/** The route kinds istiod reports on; TCPRoute's CRD exists only with the experimental channel. */
const ROUTE_RESOURCES = ['httproutes.gateway.networking.k8s.io', 'tcproutes.gateway.networking.k8s.io'];
const GATEWAY_CLASSES = 'gatewayclasses.gateway.networking.k8s.io';

export interface GatewayController {
  stop(): void;
}

export function startGatewayController(deps: { kube: Kube; clock: Clock; domainSuffix: string }): GatewayController {
  const { kube, clock } = deps;
  let scheduled = false;
  let stopped = false;
  const schedule = (): void => {
    if (scheduled || stopped) return;
    scheduled = true;
    clock.setTimer(RECONCILE_DELAY_MS, () => {
      scheduled = false;
      if (!stopped) reconcile(kube, clock, deps.domainSuffix);
    });
  };
  const unwatch = kube.watch(undefined, (event: WatchEvent) => {
    if (WATCHED.has(event.object.kind)) schedule();
  });
  schedule();
  return {
    stop: () => {
      stopped = true;
      unwatch();
    },
  };
}

function reconcile(kube: Kube, clock: Clock, domainSuffix: string): void {
  if (!kube.crdsInstalled('gateway-api')) return;
  ensureGatewayClasses(kube);
  const gateways = kube.list(GATEWAYS);
  const managed = gateways.filter(
    (g) => g.metadata.deletionTimestamp === undefined && (g.spec as K8sGatewaySpec).gatewayClassName === 'istio',
  );
  for (const gateway of managed) {
    kube.applyAll(renderGatewayDeployment(gateway), {
      namespace: gateway.metadata.namespace ?? 'default',
      source: 'istiod',
    });
  }
  const view: ClusterView = {
    gateways,
    routes: ROUTE_RESOURCES.flatMap((r) => kube.list(r)),
    services: kube.list<Service>('services'),
    namespaces: kube.list<Namespace>('namespaces'),
    domainSuffix,
    now: rfc3339(clock.now()),
  };
  for (const gateway of managed)
    kube.writeStatus(GATEWAYS, gateway.metadata.namespace, gateway.metadata.name, gatewayStatus(gateway, view));
  for (const route of view.routes) {
    const status = routeStatus(route, view);
    if ((status.parents as unknown[]).length > 0 || route.status !== undefined)
      kube.writeStatus(
        `${route.kind.toLowerCase()}s.gateway.networking.k8s.io`,
        route.metadata.namespace,
        route.metadata.name,
        status,
      );
  }
}

function ensureGatewayClasses(kube: Kube): void {
  for (const c of BUILTIN_GATEWAY_CLASSES) {
    if (kube.get(GATEWAY_CLASSES, undefined, c.name) === undefined)
      kube.applyAll([gatewayClassManifest(c)], { namespace: 'default', source: 'istiod' });
    const gc = kube.get<KubeObject>(GATEWAY_CLASSES, undefined, c.name);
    if (gc === undefined || (gc.spec as { controllerName?: string }).controllerName !== c.controllerName) continue;
    kube.writeStatus(GATEWAY_CLASSES, undefined, c.name, {
      conditions: [
        {
          lastTransitionTime: gc.metadata.creationTimestamp,
          message: 'Handled by Istio controller',
          observedGeneration: gc.metadata.generation,
          reason: 'Accepted',
          status: 'True',
          type: 'Accepted',
        },
      ],
    });
  }
}
