/**
 * The objects `istioctl install` creates for a profile: istiod and, in the demo and default profiles, the
 * ingress gateway (a LoadBalancer Service) and, in demo, the egress gateway — shaped like the Helm charts'
 * output, trimmed to what the simulator and `kubectl get` show.
 */
import { ISTIO_HUB, ISTIO_VERSION, PROXY_IMAGE } from '../sim';

export interface ProfileComponents {
  ingress: boolean;
  egress: boolean;
}

export const PROFILES: Record<string, ProfileComponents> = {
  default: { ingress: true, egress: false },
  demo: { ingress: true, egress: true },
  minimal: { ingress: false, egress: false },
  empty: { ingress: false, egress: false },
};

type Doc = Record<string, unknown>;

function deployment(name: string, labels: Record<string, string>, serviceAccount: string, container: Doc): Doc {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'istio-system',
      labels: { ...labels, 'install.operator.istio.io/owning-resource': 'installed-state' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels: { ...labels, 'sidecar.istio.io/inject': 'false' },
          annotations: { 'prometheus.io/scrape': 'true' },
        },
        spec: { serviceAccountName: serviceAccount, containers: [container] },
      },
    },
  };
}

function serviceAccount(name: string): Doc {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'istio-system' } };
}

function gateway(name: string, istio: string, type: 'LoadBalancer' | 'ClusterIP', ports: Doc[]): Doc[] {
  const labels = { app: name, istio };
  return [
    serviceAccount(`${name}-service-account`),
    deployment(name, labels, `${name}-service-account`, {
      name: 'istio-proxy',
      image: PROXY_IMAGE,
      args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
      ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
      readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 }, initialDelaySeconds: 1 },
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'istio-system', labels },
      spec: { type, selector: labels, ports },
    },
  ];
}

/** The install's objects in apply order. */
export function istioInstallObjects(profile: ProfileComponents, values: Record<string, string>): Doc[] {
  const docs: Doc[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
    serviceAccount('istiod'),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: {
        mesh: `accessLogFile: ${values['meshConfig.accessLogFile'] ?? '/dev/stdout'}\ndefaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\nrootNamespace: istio-system\ntrustDomain: cluster.local\n`,
      },
    },
    deployment('istiod', { app: 'istiod', istio: 'pilot' }, 'istiod', {
      name: 'discovery',
      image: `${ISTIO_HUB}/pilot:${ISTIO_VERSION}`,
      args: [
        'discovery',
        '--monitoringAddr=:15014',
        '--log_output_level=default:info',
        '--domain',
        'cluster.local',
        '--keepaliveMaxServerConnectionAge',
        '30m',
      ],
      ports: [
        { containerPort: 8080, protocol: 'TCP' },
        { containerPort: 15010, protocol: 'TCP' },
        { containerPort: 15017, protocol: 'TCP' },
      ],
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod', istio: 'pilot' } },
      spec: {
        selector: { app: 'istiod', istio: 'pilot' },
        ports: [
          { name: 'grpc-xds', port: 15010, protocol: 'TCP' },
          { name: 'https-dns', port: 15012, protocol: 'TCP' },
          { name: 'https-webhook', port: 443, targetPort: 15017, protocol: 'TCP' },
          { name: 'http-monitoring', port: 15014, protocol: 'TCP' },
        ],
      },
    },
  ];
  if (profile.egress) {
    docs.push(
      ...gateway('istio-egressgateway', 'egressgateway', 'ClusterIP', [
        { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
        { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
      ]),
    );
  }
  if (profile.ingress) {
    const ingress = gateway('istio-ingressgateway', 'ingressgateway', 'LoadBalancer', [
      { name: 'status-port', port: 15021, targetPort: 15021, protocol: 'TCP' },
      { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
      { name: 'tcp', port: 31400, targetPort: 31400, protocol: 'TCP' },
      { name: 'tls', port: 15443, targetPort: 15443, protocol: 'TCP' },
    ]);
    const layer =
      values[
        'components.ingressGateways[0].k8s.serviceAnnotations.service\\.beta\\.kubernetes\\.io/ncloud-load-balancer-layer-type'
      ];
    if (layer !== undefined) {
      const service = ingress[2] as { metadata: { annotations?: Record<string, string> } };
      service.metadata.annotations = { 'service.beta.kubernetes.io/ncloud-load-balancer-layer-type': layer };
    }
    docs.push(...ingress);
  }
  return docs;
}
