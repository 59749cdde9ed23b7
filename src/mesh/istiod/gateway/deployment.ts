/**
 * Istio's automated deployment for a Gateway of class `istio` (its kube-gateway template): a ServiceAccount,
 * a Deployment running the gateway proxy, and a Service, all named `<gateway>-istio` in the Gateway's
 * namespace and owned by the Gateway, so deleting the Gateway deletes them. The Service is a LoadBalancer
 * unless the Gateway's `networking.istio.io/service-type` annotation says otherwise; its ports are the status
 * port and one per listener port, named after the listener.
 */
import { PROXY_IMAGE } from '../../sim';
import type { KubeObject } from '../../kube';
import type { K8sGatewaySpec } from '../model/gateway-api';
import { GATEWAY_NAME_LABEL } from '../model/workloads';

export const SERVICE_TYPE_ANNOTATION = 'networking.istio.io/service-type';
export const STATUS_PORT = 15021;

type Doc = Record<string, unknown>;

export function deploymentName(gateway: KubeObject): string {
  return `${gateway.metadata.name}-istio`;
}

export function serviceType(gateway: KubeObject): string {
  return gateway.metadata.annotations?.[SERVICE_TYPE_ANNOTATION] ?? 'LoadBalancer';
}

/** One Service port per listener port (the first listener on a port names it), after the status port. */
export function servicePorts(spec: K8sGatewaySpec): Doc[] {
  const ports: Doc[] = [{ name: 'status-port', port: STATUS_PORT, protocol: 'TCP', appProtocol: 'tcp' }];
  const seen = new Set<number>();
  for (const l of spec.listeners ?? []) {
    if (seen.has(l.port)) continue;
    seen.add(l.port);
    ports.push({ name: l.name, port: l.port, protocol: 'TCP', appProtocol: l.protocol.toLowerCase() });
  }
  return ports;
}

function labelsOf(gateway: KubeObject): Record<string, string> {
  const name = gateway.metadata.name;
  return {
    'gateway.istio.io/managed': 'istio.io-gateway-controller',
    [GATEWAY_NAME_LABEL]: name,
    'istio.io/gateway-name': name,
  };
}

export function renderGatewayDeployment(gateway: KubeObject): Doc[] {
  const name = deploymentName(gateway);
  const namespace = gateway.metadata.namespace ?? 'default';
  const spec = (gateway.spec ?? {}) as K8sGatewaySpec;
  const labels = labelsOf(gateway);
  const metadata = (extra: Doc = {}): Doc => ({
    name,
    namespace,
    labels,
    ownerReferences: [
      {
        apiVersion: gateway.apiVersion,
        kind: 'Gateway',
        name: gateway.metadata.name,
        uid: gateway.metadata.uid,
      },
    ],
    ...extra,
  });
  const podLabels = {
    ...labels,
    'gateway.networking.k8s.io/gateway-class-name': spec.gatewayClassName ?? 'istio',
    'service.istio.io/canonical-name': name,
    'service.istio.io/canonical-revision': 'latest',
    'sidecar.istio.io/inject': 'false',
  };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata() },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(),
      spec: {
        replicas: 1,
        selector: { matchLabels: { [GATEWAY_NAME_LABEL]: gateway.metadata.name } },
        template: {
          metadata: {
            labels: podLabels,
            annotations: { 'istio.io/rev': 'default', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '15020' },
          },
          spec: {
            serviceAccountName: name,
            containers: [
              {
                name: 'istio-proxy',
                image: PROXY_IMAGE,
                args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
                ports: [
                  { containerPort: 15020, name: 'metrics', protocol: 'TCP' },
                  { containerPort: STATUS_PORT, name: 'status-port', protocol: 'TCP' },
                  { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
                ],
                readinessProbe: { httpGet: { path: '/healthz/ready', port: STATUS_PORT }, initialDelaySeconds: 1 },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(),
      spec: {
        type: serviceType(gateway),
        selector: { [GATEWAY_NAME_LABEL]: gateway.metadata.name },
        ports: servicePorts(spec),
      },
    },
  ];
}
