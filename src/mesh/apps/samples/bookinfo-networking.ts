/** samples/bookinfo/networking/*.yaml: the gateway and the routing rules the traffic-management tasks apply. */

const API = 'networking.istio.io/v1';

export const BOOKINFO_GATEWAY_YAML = `apiVersion: ${API}
kind: Gateway
metadata:
  name: bookinfo-gateway
spec:
  # Binds to the ingress gateway pods (label istio=ingressgateway in the default install).
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 8080
      name: http
      protocol: HTTP
    hosts:
    - "*"
---
apiVersion: ${API}
kind: VirtualService
metadata:
  name: bookinfo
spec:
  hosts:
  - "*"
  gateways:
  - bookinfo-gateway
  http:
  - match:
    - uri:
        exact: /productpage
    - uri:
        prefix: /static
    - uri:
        exact: /login
    - uri:
        exact: /logout
    - uri:
        prefix: /api/v1/products
    route:
    - destination:
        host: productpage
        port:
          number: 9080
`;

const SUBSETS: Readonly<Record<string, readonly string[]>> = {
  productpage: ['v1'],
  reviews: ['v1', 'v2', 'v3'],
  ratings: ['v1', 'v2', 'v2-mysql', 'v2-mysql-vm'],
  details: ['v1', 'v2'],
};

function destinationRules(mtls: boolean): string {
  return Object.entries(SUBSETS)
    .map(
      ([host, versions]) => `apiVersion: ${API}
kind: DestinationRule
metadata:
  name: ${host}
spec:
  host: ${host}
${mtls ? '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n' : ''}  subsets:
${versions.map((v) => `  - name: ${v}\n    labels:\n      version: ${v}\n`).join('')}---
`,
    )
    .join('');
}

function virtualService(host: string, http: string): string {
  return `apiVersion: ${API}
kind: VirtualService
metadata:
  name: ${host}
spec:
  hosts:
  - ${host}
  http:
${http}`;
}

const route = (host: string, subset: string, weight?: number): string =>
  `    - destination:\n        host: ${host}\n        subset: ${subset}\n${weight === undefined ? '' : `      weight: ${weight}\n`}`;

const onlyRoute = (host: string, subset: string): string => `  - route:\n${route(host, subset)}`;

const weighted = (host: string, a: [string, number], b: [string, number]): string =>
  virtualService(host, `  - route:\n${route(host, a[0], a[1])}${route(host, b[0], b[1])}`);

/** The first rule matches requests productpage sends for the logged-in user jason. */
const jasonMatch = `  - match:
    - headers:
        end-user:
          exact: jason
`;

export const BOOKINFO_NETWORKING: Readonly<Record<string, string>> = {
  'bookinfo-gateway.yaml': BOOKINFO_GATEWAY_YAML,
  'destination-rule-all.yaml': destinationRules(false),
  'destination-rule-all-mtls.yaml': destinationRules(true),
  'virtual-service-all-v1.yaml': ['productpage', 'reviews', 'ratings', 'details']
    .map((host) => `${virtualService(host, onlyRoute(host, 'v1'))}---\n`)
    .join(''),
  'virtual-service-reviews-test-v2.yaml': virtualService(
    'reviews',
    `${jasonMatch}    route:\n${route('reviews', 'v2')}${onlyRoute('reviews', 'v1')}`,
  ),
  'virtual-service-reviews-jason-v2-v3.yaml': virtualService(
    'reviews',
    `${jasonMatch}    route:\n${route('reviews', 'v2')}${onlyRoute('reviews', 'v3')}`,
  ),
  'virtual-service-reviews-50-v3.yaml': weighted('reviews', ['v1', 50], ['v3', 50]),
  'virtual-service-reviews-90-10.yaml': weighted('reviews', ['v1', 90], ['v2', 10]),
  'virtual-service-reviews-80-20.yaml': weighted('reviews', ['v1', 80], ['v2', 20]),
  'virtual-service-reviews-v2-v3.yaml': weighted('reviews', ['v2', 50], ['v3', 50]),
  'virtual-service-reviews-v3.yaml': virtualService('reviews', onlyRoute('reviews', 'v3')),
  'virtual-service-ratings-test-delay.yaml': virtualService(
    'ratings',
    `${jasonMatch}    fault:
      delay:
        percentage:
          value: 100.0
        fixedDelay: 7s
    route:
${route('ratings', 'v1')}${onlyRoute('ratings', 'v1')}`,
  ),
  'virtual-service-ratings-test-abort.yaml': virtualService(
    'ratings',
    `${jasonMatch}    fault:
      abort:
        percentage:
          value: 100.0
        httpStatus: 500
    route:
${route('ratings', 'v1')}${onlyRoute('ratings', 'v1')}`,
  ),
};
