/**
 * Server-side defaulting for the built-in kinds (k8s.io/kubernetes pkg/apis/{core,apps}/v1/defaults.go) and the
 * Gateway API's CRD schemas (gateway-api-defaults.ts), so that
 * `kubectl get -o yaml` shows what a real cluster shows and re-applying a file is `unchanged`. Every rule
 * only fills what is missing, so defaulting is idempotent.
 */
import { applyGatewayApiDefaults } from './gateway-api-defaults';
import type { KubeObject } from './types';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

function fill(target: Obj, defaults: Obj): void {
  for (const [key, value] of Object.entries(defaults)) if (target[key] === undefined) target[key] = value;
}

export function applyDefaults(object: KubeObject): void {
  const spec = obj(object.spec);
  switch (object.kind) {
    case 'Namespace':
      object.metadata.labels = { ...object.metadata.labels, 'kubernetes.io/metadata.name': object.metadata.name };
      object.spec = { finalizers: ['kubernetes'], ...spec };
      object.status = { phase: 'Active', ...obj(object.status) };
      break;
    case 'Pod':
      if (spec !== undefined) defaultPod(spec);
      object.status = { phase: 'Pending', ...obj(object.status) };
      break;
    case 'Deployment':
      if (spec !== undefined) {
        fill(spec, {
          replicas: 1,
          revisionHistoryLimit: 10,
          progressDeadlineSeconds: 600,
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        });
        defaultTemplate(spec);
      }
      break;
    case 'ReplicaSet':
      if (spec !== undefined) {
        fill(spec, { replicas: 1 });
        defaultTemplate(spec);
      }
      break;
    case 'Service':
      if (spec !== undefined) defaultService(spec, object);
      break;
    default:
      applyGatewayApiDefaults(object);
  }
}

function defaultTemplate(spec: Obj): void {
  const template = obj(spec.template);
  const podSpec = obj(template?.spec);
  if (template !== undefined) template.metadata = { ...obj(template.metadata) };
  if (podSpec !== undefined) defaultPodSpec(podSpec);
}

/** Fields a pod template and a pod share. */
function defaultPodSpec(spec: Obj): void {
  fill(spec, {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  });
  for (const field of ['initContainers', 'containers']) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    for (const item of containers) {
      const container = obj(item);
      if (container === undefined) continue;
      fill(container, {
        imagePullPolicy: pullPolicyFor(String(container.image ?? '')),
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        resources: {},
      });
      if (Array.isArray(container.ports))
        for (const port of container.ports) if (obj(port)) fill(port as Obj, { protocol: 'TCP' });
    }
  }
}

/** Pods also get what the ServiceAccount and DefaultTolerationSeconds admission plugins add. */
function defaultPod(spec: Obj): void {
  defaultPodSpec(spec);
  fill(spec, { serviceAccountName: spec.serviceAccount ?? 'default', enableServiceLinks: true, priority: 0 });
  fill(spec, { serviceAccount: spec.serviceAccountName });
  if (spec.tolerations === undefined) {
    spec.tolerations = ['not-ready', 'unreachable'].map((taint) => ({
      key: `node.kubernetes.io/${taint}`,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    }));
  }
}

/** `:latest` (or no tag) means Always, anything else IfNotPresent. */
export function pullPolicyFor(image: string): string {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  if (lastSegment.includes('@')) return 'IfNotPresent';
  const colon = lastSegment.indexOf(':');
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultService(spec: Obj, object: KubeObject): void {
  fill(spec, {
    type: 'ClusterIP',
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    internalTrafficPolicy: 'Cluster',
  });
  if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') fill(spec, { externalTrafficPolicy: 'Cluster' });
  if (spec.type === 'LoadBalancer') fill(spec, { allocateLoadBalancerNodePorts: true });
  if (Array.isArray(spec.ports)) {
    for (const item of spec.ports) {
      const port = obj(item);
      if (port !== undefined) fill(port, { protocol: 'TCP', targetPort: port.port });
    }
  }
  object.status = { loadBalancer: {}, ...obj(object.status) };
}
