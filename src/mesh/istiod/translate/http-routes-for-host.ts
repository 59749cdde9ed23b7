import type { Route } from '../../xds';
import type { KubeObject } from '../model/kube-api';
import type { HTTPRoute } from '../model/istio-api';
import { buildMeshSnapshot } from '../model/snapshot';
import { buildHTTPRoutesForVirtualService, type RouteContext } from './route';

/** A Kubernetes Service the routes may name, by its ports alone: enough to pick a destination's port. */
export interface RouteServicePorts {
  readonly name: string;
  readonly namespace: string;
  readonly ports: readonly number[];
}

/** One VirtualService's `http:` rules and the world istiod would translate them in. */
export interface HttpRoutesForHostInput {
  /** The VirtualService's namespace: short destination hosts resolve in it. */
  readonly namespace: string;
  /** The service port whose route table is built (the outbound listener's port). */
  readonly listenPort: number;
  readonly http: readonly HTTPRoute[];
  readonly services: readonly RouteServicePorts[];
}

function serviceObject(s: RouteServicePorts, index: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace },
    spec: { clusterIP: `10.96.200.${index + 1}`, ports: s.ports.map((port) => ({ name: `http-${port}`, port })) },
  };
}

/**
 * The routes istiod writes into a sidecar's route table for one VirtualService's `http:` rules, as
 * `istioctl proxy-config routes -o json` shows them. It runs the very pipeline a push runs (short-name
 * resolution in the mesh snapshot, then BuildHTTPRoutesForVirtualService), so a lab can grade a learner's
 * own translation against istiod's on cases the lab makes up, without a cluster.
 */
export function translateHttpRoutesForHost(input: HttpRoutesForHostInput): Route[] {
  const virtualService: KubeObject = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'routes', namespace: input.namespace },
    spec: { hosts: ['routes'], http: input.http },
  };
  const snapshot = buildMeshSnapshot([...input.services.map(serviceObject), virtualService]);
  const vs = snapshot.virtualServices[0];
  if (vs === undefined) return [];
  const ctx: RouteContext = {
    proxyLabels: {},
    proxyNamespace: input.namespace,
    gatewayNames: new Set(['mesh']),
    serviceByHost: snapshot.serviceByHost,
  };
  return buildHTTPRoutesForVirtualService(ctx, vs, input.listenPort);
}
