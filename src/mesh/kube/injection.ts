/**
 * Istio's sidecar injector, played as the mutating admission webhook it is: it runs when a Pod is created
 * (never on update), so pods that existed before their namespace was labelled keep running without a proxy
 * until they are recreated (`kubectl rollout restart`, `kubectl delete pod`).
 *
 * Who gets a sidecar follows the default-revision webhook of Istio 1.30: namespace `istio-injection=enabled`,
 * or namespace `istio.io/rev=<revision>`, or pod label `sidecar.istio.io/inject=true` in a namespace not
 * labelled `istio-injection=disabled`; pod label `sidecar.istio.io/inject=false` always opts out;
 * kube-system and kube-public are never injected.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { AdmissionOperation, AdmissionPlugin } from './apiserver';
import type { KubeObject, Namespace, Pod } from './types';
import { controllerOf } from './pods';
import { PROXY_IMAGE } from '../sim';

export interface SidecarInjectorOptions {
  /** Default: the world's proxyv2 image (`docker.io/istio/proxyv2:<ISTIO_VERSION>`). */
  proxyImage?: string;
  /** The control plane revision (default `default`), matched against `istio.io/rev`. */
  revision?: string;
  /**
   * Inject istio-proxy as a Kubernetes native sidecar (an init container with restartPolicy Always) instead
   * of a regular container. READY shows 2/2 either way. Default false: the classic layout the docs show.
   */
  nativeSidecars?: boolean;
}

export const SIDECAR_STATUS_ANNOTATION = 'sidecar.istio.io/status';
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public']);

export class SidecarInjector implements AdmissionPlugin {
  readonly name = 'istio-sidecar-injector';
  private options: Required<SidecarInjectorOptions> | undefined;

  constructor(private readonly namespaceOf: (name: string) => Namespace | undefined) {}

  /** Installs (options) or removes (undefined) the webhook, as installing or uninstalling istiod does. */
  configure(options: SidecarInjectorOptions | undefined): void {
    this.options =
      options === undefined
        ? undefined
        : {
            proxyImage: options.proxyImage ?? PROXY_IMAGE,
            revision: options.revision ?? 'default',
            nativeSidecars: options.nativeSidecars ?? false,
          };
  }

  get enabled(): boolean {
    return this.options !== undefined;
  }

  get proxyImage(): string {
    return this.options?.proxyImage ?? PROXY_IMAGE;
  }

  admit(object: KubeObject, operation: AdmissionOperation): void {
    if (operation !== 'CREATE' || object.kind !== 'Pod' || object.apiVersion !== 'v1' || this.options === undefined)
      return;
    const pod = object as Pod;
    if (this.wantsSidecar(pod, this.options.revision)) inject(pod, this.options);
  }

  private wantsSidecar(pod: Pod, revision: string): boolean {
    const namespace = pod.metadata.namespace ?? 'default';
    if (IGNORED_NAMESPACES.has(namespace) || pod.spec?.hostNetwork === true) return false;
    if (pod.metadata.annotations?.[SIDECAR_STATUS_ANNOTATION] !== undefined) return false;
    const podLabels = pod.metadata.labels ?? {};
    const podChoice = podLabels['sidecar.istio.io/inject'] ?? pod.metadata.annotations?.['sidecar.istio.io/inject'];
    if (podChoice === 'false') return false;
    const nsLabels = this.namespaceOf(namespace)?.metadata.labels ?? {};
    const nsInjection = nsLabels['istio-injection'];
    if (nsInjection === 'enabled') return true;
    if (nsInjection === 'disabled') return false;
    if (nsInjection === undefined && nsLabels['istio.io/rev'] === revision) return true;
    return podChoice === 'true' || podLabels['istio.io/rev'] === revision;
  }
}

/** The workload a pod belongs to: its Deployment's name when it has one (strip `-<hash>-<suffix>`). */
function workloadName(pod: Pod): string {
  const owner = controllerOf(pod);
  if (owner?.kind === 'ReplicaSet') return owner.name.replace(/-[a-z0-9]+$/, '');
  return owner?.name ?? pod.metadata.name;
}

function inject(pod: Pod, options: Required<SidecarInjectorOptions>): void {
  const spec = pod.spec!;
  const labels = (pod.metadata.labels ??= {});
  const appContainers = spec.containers.map((c) => c.name);
  const workload = workloadName(pod);
  labels['security.istio.io/tlsMode'] = 'istio';
  labels['service.istio.io/canonical-name'] ??= labels['app.kubernetes.io/name'] ?? labels.app ?? workload;
  labels['service.istio.io/canonical-revision'] ??= labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest';

  const proxy = proxyContainer(pod, options, appContainers, workload);
  const init = initContainer(options.proxyImage);
  if (options.nativeSidecars) {
    spec.initContainers = [init, { ...proxy, restartPolicy: 'Always' }, ...(spec.initContainers ?? [])];
  } else {
    spec.initContainers = [init, ...(spec.initContainers ?? [])];
    spec.containers = [...spec.containers, proxy];
  }
  const volumes = [
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    {
      name: 'istio-podinfo',
      downwardAPI: {
        items: [
          { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
        ],
      },
    },
    {
      name: 'istio-token',
      projected: {
        sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }],
      },
    },
    { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
  ];
  spec.volumes = [...(spec.volumes ?? []), ...volumes];
  const status = {
    initContainers: options.nativeSidecars ? ['istio-init', 'istio-proxy'] : ['istio-init'],
    containers: options.nativeSidecars ? [] : ['istio-proxy'],
    volumes: volumes.map((v) => v.name),
    imagePullSecrets: null,
    revision: options.revision,
  };
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    'istio.io/rev': options.revision,
    'kubectl.kubernetes.io/default-container': appContainers[0] ?? 'istio-proxy',
    'kubectl.kubernetes.io/default-logs-container': appContainers[0] ?? 'istio-proxy',
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
    [SIDECAR_STATUS_ANNOTATION]: JSON.stringify(status),
  };
}

function initContainer(image: string): IContainer {
  return {
    name: 'istio-init',
    image,
    args: [
      'istio-iptables',
      '-p',
      '15001',
      '-z',
      '15006',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '*',
      '-d',
      '15090,15021,15020',
      '--log_output_level=default:info',
    ],
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  };
}

function proxyContainer(
  pod: Pod,
  options: Required<SidecarInjectorOptions>,
  appContainers: string[],
  workload: string,
): IContainer {
  const namespace = pod.metadata.namespace ?? 'default';
  const ports = pod
    .spec!.containers.flatMap((c) => c.ports ?? [])
    .map((p) => ({
      containerPort: p.containerPort,
      ...(p.name ? { name: p.name } : {}),
      protocol: p.protocol ?? 'TCP',
    }));
  const field = (fieldPath: string): { valueFrom: { fieldRef: { apiVersion: string; fieldPath: string } } } => ({
    valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
  });
  return {
    name: 'istio-proxy',
    image: options.proxyImage,
    args: [
      'proxy',
      'sidecar',
      '--domain',
      '$(POD_NAMESPACE).svc.cluster.local',
      '--proxyLogLevel=warning',
      '--proxyComponentLogLevel=misc:error',
      '--log_output_level=default:info',
    ],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      { name: 'POD_NAME', ...field('metadata.name') },
      { name: 'POD_NAMESPACE', ...field('metadata.namespace') },
      { name: 'INSTANCE_IP', ...field('status.podIP') },
      { name: 'SERVICE_ACCOUNT', ...field('spec.serviceAccountName') },
      { name: 'HOST_IP', ...field('status.hostIP') },
      { name: 'PROXY_CONFIG', value: '{}\n' },
      { name: 'ISTIO_META_POD_PORTS', value: JSON.stringify(ports) },
      { name: 'ISTIO_META_APP_CONTAINERS', value: appContainers.join(',') },
      { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
      { name: 'ISTIO_META_NODE_NAME', ...field('spec.nodeName') },
      { name: 'ISTIO_META_INTERCEPTION_MODE', value: 'REDIRECT' },
      { name: 'ISTIO_META_WORKLOAD_NAME', value: workload },
      { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/apps/v1/namespaces/${namespace}/deployments/${workload}` },
      { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
      { name: 'TRUST_DOMAIN', value: 'cluster.local' },
    ],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: {
      httpGet: { path: '/healthz/ready', port: 15021 },
      failureThreshold: 4,
      periodSeconds: 15,
      timeoutSeconds: 3,
    },
    startupProbe: {
      httpGet: { path: '/healthz/ready', port: 15021 },
      failureThreshold: 600,
      periodSeconds: 1,
      timeoutSeconds: 3,
    },
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 1337,
      runAsNonRoot: true,
      runAsUser: 1337,
    },
    volumeMounts: [
      { mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' },
      { mountPath: '/var/run/secrets/credential-uds', name: 'credential-socket' },
      { mountPath: '/var/run/secrets/workload-spiffe-credentials', name: 'workload-certs' },
      { mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' },
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-envoy' },
      { mountPath: '/var/run/secrets/tokens', name: 'istio-token' },
      { mountPath: '/etc/istio/pod', name: 'istio-podinfo' },
    ],
  };
}
