/**
 * The defaults the Gateway API's CRDs declare in their OpenAPI schemas (config/crd in kubernetes-sigs/gateway-api),
 * which the API server writes into every object it stores: a parentRef means a Gateway unless it says otherwise,
 * a backendRef a Service of weight 1, a rule without matches matches every path. `kubectl get -o yaml` shows
 * them, as istio.io's pages print. Each rule fills only what is missing, so defaulting is idempotent.
 */
import type { KubeObject } from './types';

type Obj = Record<string, unknown>;

const GROUP = 'gateway.networking.k8s.io';
const EVERY_PATH = { type: 'PathPrefix', value: '/' };

function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter((v): v is Obj => v !== null && typeof v === 'object') : [];
}

function fill(target: Obj, defaults: Obj): void {
  for (const [key, value] of Object.entries(defaults)) if (target[key] === undefined) target[key] = value;
}

function defaultParentRefs(spec: Obj): void {
  for (const ref of objects(spec.parentRefs)) fill(ref, { group: GROUP, kind: 'Gateway' });
}

function defaultBackendRef(ref: Obj, weighted: boolean): void {
  fill(ref, { group: '', kind: 'Service', ...(weighted && { weight: 1 }) });
}

function defaultHttpMatch(match: Obj): void {
  fill(match, { path: { ...EVERY_PATH } });
  for (const header of objects(match.headers)) fill(header, { type: 'Exact' });
  for (const param of objects(match.queryParams)) fill(param, { type: 'Exact' });
}

function defaultHttpRoute(spec: Obj): void {
  defaultParentRefs(spec);
  fill(spec, { rules: [{ matches: [{ path: { ...EVERY_PATH } }] }] });
  for (const rule of objects(spec.rules)) {
    fill(rule, { matches: [{ path: { ...EVERY_PATH } }] });
    for (const match of objects(rule.matches)) defaultHttpMatch(match);
    for (const ref of objects(rule.backendRefs)) defaultBackendRef(ref, true);
    for (const filter of objects(rule.filters)) {
      const mirror = filter.requestMirror as Obj | undefined;
      if (mirror?.backendRef !== undefined) defaultBackendRef(mirror.backendRef as Obj, false);
    }
  }
}

function defaultGateway(spec: Obj): void {
  for (const listener of objects(spec.listeners)) {
    fill(listener, { allowedRoutes: { namespaces: { from: 'Same' } } });
    const tls = listener.tls as Obj | undefined;
    if (tls !== undefined) {
      fill(tls, { mode: 'Terminate' });
      for (const ref of objects(tls.certificateRefs)) fill(ref, { group: '', kind: 'Secret' });
    }
  }
}

export function applyGatewayApiDefaults(object: KubeObject): void {
  if (!object.apiVersion.startsWith(`${GROUP}/`)) return;
  const spec = object.spec as Obj | undefined;
  if (spec === undefined || spec === null) return;
  if (object.kind === 'HTTPRoute') defaultHttpRoute(spec);
  else if (object.kind === 'Gateway') defaultGateway(spec);
  else if (object.kind === 'TCPRoute') {
    defaultParentRefs(spec);
    for (const rule of objects(spec.rules)) for (const ref of objects(rule.backendRefs)) defaultBackendRef(ref, true);
  }
}
