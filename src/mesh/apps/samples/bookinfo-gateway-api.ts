/**
 * samples/bookinfo/gateway-api/*.yaml and platform/kube/bookinfo-versions.yaml: the Gateway API tabs of the
 * traffic-management tasks. Routes between versions go to one Service per version (HTTPRoute backends are
 * Services; there are no subsets), and a route for mesh traffic names the Service it governs as its parent.
 */

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

const versionService = (app: string, version: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${app}-${version}
spec:
  ports:
  - port: 9080
    name: http
  selector:
    app: ${app}
    version: ${version}
`;

export const BOOKINFO_VERSIONS_YAML = [
  versionService('reviews', 'v1'),
  versionService('reviews', 'v2'),
  versionService('reviews', 'v3'),
  versionService('productpage', 'v1'),
  versionService('ratings', 'v1'),
  versionService('details', 'v1'),
].join('---\n');

/** An HTTPRoute for mesh traffic to `service`, split over `<backend>: weight` pairs (no weight: all of it). */
function meshRoute(service: string, backends: ReadonlyArray<readonly [string, number?]>): string {
  const refs = backends
    .map(
      ([name, weight]) =>
        `    - name: ${name}\n      port: 9080\n${weight === undefined ? '' : `      weight: ${weight}\n`}`,
    )
    .join('');
  return `apiVersion: ${GATEWAY_API}
kind: HTTPRoute
metadata:
  name: ${service}
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: ${service}
    port: 9080
  rules:
  - backendRefs:
${refs}`;
}

const BOOKINFO_GATEWAY = `apiVersion: ${GATEWAY_API}
kind: Gateway
metadata:
  name: bookinfo-gateway
spec:
  # istiod deploys a gateway for this class: bookinfo-gateway-istio, a Deployment and a LoadBalancer Service.
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: Same
---
apiVersion: ${GATEWAY_API}
kind: HTTPRoute
metadata:
  name: bookinfo
spec:
  parentRefs:
  - name: bookinfo-gateway
  rules:
  - matches:
    - path:
        type: Exact
        value: /productpage
    - path:
        type: PathPrefix
        value: /static
    - path:
        type: Exact
        value: /login
    - path:
        type: Exact
        value: /logout
    - path:
        type: PathPrefix
        value: /api/v1/products
    backendRefs:
    - name: productpage
      port: 9080
`;

export const BOOKINFO_GATEWAY_API: Readonly<Record<string, string>> = {
  'bookinfo-gateway.yaml': BOOKINFO_GATEWAY,
  'route-all-v1.yaml': ['productpage', 'reviews', 'ratings', 'details']
    .map((s) => meshRoute(s, [[`${s}-v1`]]))
    .join('---\n'),
  'route-reviews-v1.yaml': meshRoute('reviews', [['reviews-v1']]),
  'route-reviews-v3.yaml': meshRoute('reviews', [['reviews-v3']]),
  'route-reviews-50-v3.yaml': meshRoute('reviews', [
    ['reviews-v1', 50],
    ['reviews-v3', 50],
  ]),
  'route-reviews-90-10.yaml': meshRoute('reviews', [
    ['reviews-v1', 90],
    ['reviews-v2', 10],
  ]),
};
