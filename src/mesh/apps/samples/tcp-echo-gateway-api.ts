/**
 * samples/tcp-echo/gateway-api: the TCP traffic-shifting task with the Gateway API. A Gateway of class istio
 * listens on TCP 31400; one Service per tcp-echo version stands in for the subsets; a TCPRoute (experimental
 * channel) splits connections between them by weight.
 */

function tcpRoute(backends: ReadonlyArray<readonly [service: string, weight?: number]>): string {
  const refs = backends
    .map(
      ([service, weight]) =>
        `    - name: ${service}\n      port: 9000\n${weight === undefined ? '' : `      weight: ${weight}\n`}`,
    )
    .join('');
  return `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: tcp-echo
spec:
  parentRefs:
  - name: tcp-echo-gateway
    sectionName: tcp-31400
  rules:
  - backendRefs:
${refs}`;
}

const versionService = (version: string): string => `apiVersion: v1
kind: Service
metadata:
  name: tcp-echo-${version}
spec:
  ports:
  - port: 9000
    name: tcp
  selector:
    app: tcp-echo
    version: ${version}
`;

const ALL_V1 = `# tcp-echo behind a Gateway API gateway's TCP listener 31400, every connection to v1.
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: tcp-echo-gateway
spec:
  gatewayClassName: istio
  listeners:
  - name: tcp-31400
    protocol: TCP
    port: 31400
    allowedRoutes:
      kinds:
      - kind: TCPRoute
---
${versionService('v1')}---
${versionService('v2')}---
${tcpRoute([['tcp-echo-v1']])}`;

const TWENTY_V2 = `# tcp-echo: 80 % of connections to v1, 20 % to v2.
${tcpRoute([
  ['tcp-echo-v1', 80],
  ['tcp-echo-v2', 20],
])}`;

export const TCP_ECHO_GATEWAY_API_SAMPLES: Readonly<Record<string, string>> = {
  'gateway-api/tcp-echo-all-v1.yaml': ALL_V1,
  'gateway-api/tcp-echo-20-v2.yaml': TWENTY_V2,
};
