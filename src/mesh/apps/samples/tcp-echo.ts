/**
 * samples/tcp-echo: the TCP echo server of the TCP traffic-shifting and TCP authorization tasks. Its ports are
 * named `tcp…`, so Istio treats them as plain TCP; 9002 is served by the pods but left out of the Service, so
 * it is reached by pod IP through the inbound passthrough chain.
 */
import { TCP_ECHO_GATEWAY_API_SAMPLES } from './tcp-echo-gateway-api';

const SERVICE_9000_9001 = `apiVersion: v1
kind: Service
metadata:
  name: tcp-echo
  labels:
    app: tcp-echo
spec:
  ports:
  - name: tcp
    port: 9000
  - name: tcp-other
    port: 9001
  # 9002 stays out of the Service on purpose: it exercises the inbound passthrough chain.
  selector:
    app: tcp-echo
`;

function echoDeployment(name: string, version: string, prefix: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: tcp-echo
    version: ${version}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: tcp-echo
      version: ${version}
  template:
    metadata:
      labels:
        app: tcp-echo
        version: ${version}
    spec:
      containers:
      - name: tcp-echo
        image: docker.io/istio/tcp-echo-server:1.2
        imagePullPolicy: IfNotPresent
        args: [ "9000,9001,9002", "${prefix}" ]
        ports:
        - containerPort: 9000
        - containerPort: 9001
`;
}

/** One version answering "hello" (the authorization task). */
const TCP_ECHO_YAML = `# tcp-echo: one version whose replies start with "hello".
${SERVICE_9000_9001}---
${echoDeployment('tcp-echo', 'v1', 'hello')}`;

/** Versions v1 ("one") and v2 ("two") behind one Service (the traffic-shifting task). */
const TCP_ECHO_SERVICES_YAML = `# tcp-echo v1 and v2: replies start with "one" or "two", telling which version answered.
${SERVICE_9000_9001}---
${echoDeployment('tcp-echo-v1', 'v1', 'one')}---
${echoDeployment('tcp-echo-v2', 'v2', 'two')}`;

function tcpEchoVirtualService(route: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: tcp-echo
spec:
  hosts:
  - "*"
  gateways:
  - tcp-echo-gateway
  tcp:
  - match:
    - port: 31400
    route:
${route}`;
}

const destination = (subset: string, weight?: number): string =>
  `    - destination:
        host: tcp-echo
        port:
          number: 9000
        subset: ${subset}
${weight === undefined ? '' : `      weight: ${weight}\n`}`;

/** The ingress gateway's TCP port 31400, subsets v1/v2, and every connection to v1. */
const TCP_ECHO_ALL_V1_YAML = `# tcp-echo behind the ingress gateway's TCP port 31400, all connections to v1.
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: tcp-echo-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 31400
      name: tcp
      protocol: TCP
    hosts:
    - "*"
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: tcp-echo-destination
spec:
  host: tcp-echo
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
---
${tcpEchoVirtualService(destination('v1'))}`;

/** 80 % of connections to v1, 20 % to v2. */
const TCP_ECHO_20_V2_YAML = `# tcp-echo: 80 % of TCP connections to v1, 20 % to v2.
${tcpEchoVirtualService(destination('v1', 80) + destination('v2', 20))}`;

export const TCP_ECHO_SAMPLES: Readonly<Record<string, string>> = {
  'tcp-echo.yaml': TCP_ECHO_YAML,
  'tcp-echo-services.yaml': TCP_ECHO_SERVICES_YAML,
  'tcp-echo-all-v1.yaml': TCP_ECHO_ALL_V1_YAML,
  'tcp-echo-20-v2.yaml': TCP_ECHO_20_V2_YAML,
  ...TCP_ECHO_GATEWAY_API_SAMPLES,
};
