import { groupKindOf, type ResourceType } from '../../index';
import type { Kubectl, Subcommand } from './context';

/**
 * `kubectl explain KIND`: kubectl's layout (GROUP, KIND, VERSION, DESCRIPTION, FIELDS) for the kinds the labs
 * use, in our own short words. The API server here carries validation schemas without their documentation, so
 * deeper paths (`pod.spec.containers`) are answered with where to read them rather than invented.
 */

/** What each kind is (by group and kind, as the store keys them), and the type name of its spec and status (kubectl shows `<PodSpec>`). */
const KINDS: Readonly<Record<string, { description: string; spec?: string; status?: string; extra?: Field[] }>> = {
  Pod: {
    description:
      'A Pod is one or more containers that share a network address and storage and are scheduled onto a node together.',
    spec: 'PodSpec',
    status: 'PodStatus',
  },
  Service: {
    description:
      'A Service gives a set of pods, chosen by a label selector, one stable virtual address and DNS name, and spreads connections over them.',
    spec: 'ServiceSpec',
    status: 'ServiceStatus',
  },
  'Deployment.apps': {
    description:
      'A Deployment keeps a number of identical pods running and rolls them out to a new template step by step.',
    spec: 'DeploymentSpec',
    status: 'DeploymentStatus',
  },
  'ReplicaSet.apps': {
    description: 'A ReplicaSet keeps a given number of pods matching its selector running; Deployments manage them.',
    spec: 'ReplicaSetSpec',
    status: 'ReplicaSetStatus',
  },
  Namespace: {
    description: 'A Namespace is a scope for names: most objects live in one, and deleting it deletes them.',
    spec: 'NamespaceSpec',
    status: 'NamespaceStatus',
  },
  ConfigMap: {
    description:
      'A ConfigMap holds configuration as key-value pairs for pods to read as files or environment variables.',
    extra: [
      { name: 'data', type: 'map[string]string', text: 'The configuration entries, as text.' },
      { name: 'binaryData', type: 'map[string]string', text: 'Entries holding bytes, base64-encoded.' },
    ],
  },
  Secret: {
    description: 'A Secret holds sensitive data such as passwords, tokens and TLS keys for pods to use.',
    extra: [
      { name: 'data', type: 'map[string]string', text: 'The secret entries, base64-encoded.' },
      { name: 'stringData', type: 'map[string]string', text: 'Entries given as plain text; written into data.' },
      { name: 'type', type: 'string', text: 'How the data is meant to be used, e.g. Opaque or kubernetes.io/tls.' },
    ],
  },
  ServiceAccount: {
    description:
      'A ServiceAccount is an identity for the processes in a pod; Istio derives workload certificates from it.',
  },
  'Ingress.networking.k8s.io': {
    description:
      'An Ingress describes HTTP routes from outside the cluster to Services; an ingress controller serves it.',
    spec: 'IngressSpec',
    status: 'IngressStatus',
  },
  'VirtualService.networking.istio.io': {
    description:
      'Istio routing rules for traffic to a host: matches, destinations and weights, retries, timeouts, faults.',
    spec: 'Object',
    status: 'Object',
  },
  'DestinationRule.networking.istio.io': {
    description:
      'Istio policies applied after routing: subsets, load balancing, connection pools, outlier detection, TLS.',
    spec: 'Object',
    status: 'Object',
  },
  'Gateway.networking.istio.io': {
    description:
      'An Istio Gateway configures the ports, protocols and hosts a gateway proxy at the edge of the mesh accepts.',
    spec: 'Object',
    status: 'Object',
  },
  'ServiceEntry.networking.istio.io': {
    description: "A ServiceEntry adds a service to Istio's registry, such as an API outside the mesh.",
    spec: 'Object',
    status: 'Object',
  },
  'PeerAuthentication.security.istio.io': {
    description: 'PeerAuthentication sets the mutual TLS mode workloads accept: STRICT, PERMISSIVE or DISABLE.',
    spec: 'Object',
    status: 'Object',
  },
  'AuthorizationPolicy.security.istio.io': {
    description:
      'An AuthorizationPolicy allows, denies or audits requests to workloads by source, operation and conditions.',
    spec: 'Object',
    status: 'Object',
  },
};

interface Field {
  name: string;
  type: string;
  text: string;
}

function fieldsOf(type: ResourceType, entry: (typeof KINDS)[string]): Field[] {
  return [
    { name: 'apiVersion', type: 'string', text: 'The versioned schema this object is written in.' },
    { name: 'kind', type: 'string', text: 'The kind of object, in CamelCase.' },
    { name: 'metadata', type: 'ObjectMeta', text: 'Name, namespace, labels, annotations and other standard metadata.' },
    ...(entry.extra ?? []),
    ...(entry.spec === undefined
      ? []
      : [{ name: 'spec', type: entry.spec, text: `The desired state of the ${type.kind}.` }]),
    ...(entry.status === undefined
      ? []
      : [{ name: 'status', type: entry.status, text: `The observed state of the ${type.kind}. Read-only.` }]),
  ];
}

export const explain: Subcommand = {
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: async (k) => {
    const [path] = k.args;
    if (path === undefined) {
      return k.fail(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.',
      );
    }
    const [resource = '', ...fields] = path.split('.');
    const type = k.resolveType(resource);
    if (!('kind' in type)) return k.failError(type);
    const entry = KINDS[groupKindOf(type)];
    if (entry === undefined || fields.length > 0) return lacking(k, type, path);
    k.out(layout(type, entry));
    return 0;
  },
};

function layout(type: ResourceType, entry: (typeof KINDS)[string]): string {
  const head = [
    ...(type.group === '' ? [] : [`GROUP:      ${type.group}`]),
    `KIND:       ${type.kind}`,
    `VERSION:    ${type.versions[0] ?? 'v1'}`,
  ];
  const fields = fieldsOf(type, entry).map((f) => `  ${f.name}\t<${f.type}>\n    ${f.text}\n`);
  return `${head.join('\n')}\n\nDESCRIPTION:\n    ${entry.description}\n    \nFIELDS:\n${fields.join('\n')}\n`;
}

function lacking(k: Kubectl, type: ResourceType, path: string): number {
  return k.fail(
    `error: no field documentation for "${path}" in this lab: see the ${type.kind} reference at ` +
      (type.group.endsWith('istio.io')
        ? 'https://istio.io/latest/docs/reference/config/'
        : 'https://kubernetes.io/docs/reference/kubernetes-api/'),
  );
}
