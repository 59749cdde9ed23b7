/**
 * The objects `istioctl install` creates for an IstioOperator: istiod (unless the profile is `empty`) and, as
 * the profile and `components.*.enabled` say, the ingress gateway (a LoadBalancer Service) and the egress
 * gateway — shaped like the Helm charts' output, trimmed to what the simulator and `kubectl get` show.
 */
import { stringify } from 'yaml';
import { ISTIO_HUB, ISTIO_VERSION, PROXY_IMAGE } from '../sim';
import type { IstioOperatorSpec } from './types';

/** What one install puts in the cluster: a profile's components and settings with the user's overrides on top. */
export interface IstioInstallPlan {
  readonly profile: string;
  readonly pilot: boolean;
  readonly ingress: boolean;
  readonly egress: boolean;
  /** `components.ingressGateways[].k8s.serviceAnnotations`, on the ingress gateway's Service. */
  readonly ingressServiceAnnotations: Readonly<Record<string, string>>;
  /** `meshConfig.accessLogFile`: `/dev/stdout` makes every proxy log each request; empty: no access log. */
  readonly accessLogFile: string;
  readonly outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** The rest of `meshConfig` as the user set it (extensionProviders, accessLogEncoding, …), for istiod. */
  readonly meshConfig: Readonly<Record<string, unknown>>;
}

type ProfileDefaults = Pick<IstioInstallPlan, 'pilot' | 'ingress' | 'egress' | 'accessLogFile'>;

/** Istio's profiles (manifests/profiles/*.yaml), as far as the simulator models them. */
export const PROFILES: Readonly<Record<string, ProfileDefaults>> = {
  default: { pilot: true, ingress: true, egress: false, accessLogFile: '' },
  demo: { pilot: true, ingress: true, egress: true, accessLogFile: '/dev/stdout' },
  minimal: { pilot: true, ingress: false, egress: false, accessLogFile: '' },
  empty: { pilot: false, ingress: false, egress: false, accessLogFile: '' },
};

/** The plan for an IstioOperator spec: its profile's defaults, then what the spec sets. */
export function planIstioInstall(spec: IstioOperatorSpec): IstioInstallPlan {
  const profile = spec.profile ?? 'default';
  const defaults = PROFILES[profile] ?? PROFILES['default']!;
  const ingress = spec.components?.ingressGateways?.find(
    (g) => (g.name ?? 'istio-ingressgateway') === 'istio-ingressgateway',
  );
  const egress = spec.components?.egressGateways?.find(
    (g) => (g.name ?? 'istio-egressgateway') === 'istio-egressgateway',
  );
  const mode = spec.meshConfig?.outboundTrafficPolicy?.mode;
  return {
    profile,
    pilot: spec.components?.pilot?.enabled ?? defaults.pilot,
    ingress: ingress?.enabled ?? defaults.ingress,
    egress: egress?.enabled ?? defaults.egress,
    ingressServiceAnnotations: ingress?.k8s?.serviceAnnotations ?? {},
    accessLogFile: spec.meshConfig?.accessLogFile ?? defaults.accessLogFile,
    outboundTrafficPolicy: mode === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY',
    meshConfig: spec.meshConfig ?? {},
  };
}

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

function gateway(
  name: string,
  istio: string,
  type: 'LoadBalancer' | 'ClusterIP',
  annotations: Readonly<Record<string, string>>,
  ports: Doc[],
): Doc[] {
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
      metadata: {
        name,
        namespace: 'istio-system',
        labels,
        ...(Object.keys(annotations).length > 0 && { annotations: { ...annotations } }),
      },
      spec: { type, selector: labels, ports },
    },
  ];
}

/** The install's objects in apply order. */
export function istioInstallObjects(plan: IstioInstallPlan): Doc[] {
  const docs: Doc[] = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } }];
  if (plan.pilot) docs.push(...istiodObjects(plan));
  if (plan.egress) docs.push(...egressGateway());
  if (plan.ingress) docs.push(...ingressGateway(plan.ingressServiceAnnotations));
  return docs;
}

function istiodObjects(plan: IstioInstallPlan): Doc[] {
  return [
    serviceAccount('istiod'),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: {
        // istiod reads its mesh config from here, as Istio's does (outboundTrafficPolicy, …).
        mesh: stringify({
          ...plan.meshConfig,
          accessLogFile: plan.accessLogFile,
          defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012' },
          outboundTrafficPolicy: { mode: plan.outboundTrafficPolicy },
          rootNamespace: 'istio-system',
          trustDomain: 'cluster.local',
        }),
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
}

function egressGateway(): Doc[] {
  return gateway('istio-egressgateway', 'egressgateway', 'ClusterIP', {}, [
    { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
    { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
  ]);
}

function ingressGateway(annotations: Readonly<Record<string, string>>): Doc[] {
  return gateway('istio-ingressgateway', 'ingressgateway', 'LoadBalancer', annotations, [
    { name: 'status-port', port: 15021, targetPort: 15021, protocol: 'TCP' },
    { name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP' },
    { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
    { name: 'tcp', port: 31400, targetPort: 31400, protocol: 'TCP' },
    { name: 'tls', port: 15443, targetPort: 15443, protocol: 'TCP' },
  ]);
}
