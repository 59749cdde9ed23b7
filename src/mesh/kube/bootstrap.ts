/**
 * What a freshly created NKS cluster already holds: the system namespaces, an NKS-like node pool
 * (`nks-pool-1119-w-gzg`…), the `kubernetes` Service, and a small kube-system (CoreDNS behind kube-dns,
 * metrics-server). Their pods come up through the same controllers as everyone else's, so they are
 * Running a few virtual seconds after creation.
 */
import type { Random } from '../sim';
import type { ApiServer } from './apiserver';
import { randomHex } from './names';
import { TYPES } from './resources';
import type { KubeObject, Node } from './types';

export interface NodePoolOptions {
  /** Number of worker nodes (default 3). */
  nodes?: number;
  /** kubelet version the nodes report (default v1.33.4). */
  kubeletVersion?: string;
  /** First two octets of the pod network; node i gets <prefix>.i.0/24 (default `10.244`). */
  podNetworkPrefix?: string;
}

export const SYSTEM_IMAGES = [
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
] as const;

function meta(name: string, namespace?: string, labels?: Record<string, string>): KubeObject['metadata'] {
  const m: KubeObject['metadata'] = { name, uid: '', resourceVersion: '', generation: 0, creationTimestamp: '' };
  if (namespace !== undefined) m.namespace = namespace;
  if (labels !== undefined) m.labels = labels;
  return m;
}

export function createNamespaces(api: ApiServer): void {
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create(TYPES.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name) });
  }
}

/** Node names follow NKS: `nks-pool-<pool number>-w-<3 letters>`, consecutive within a pool. */
export function createNodePool(api: ApiServer, random: Random, options: NodePoolOptions = {}): Node[] {
  const count = options.nodes ?? 3;
  const version = options.kubeletVersion ?? 'v1.33.4';
  const pool = 1000 + random.int(9000);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const stem = letters[random.int(26)]! + letters[random.int(26)]!;
  const firstSuffix = random.int(26 - count);
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const name = `nks-pool-${pool}-w-${stem}${letters[firstSuffix + i]}`;
    const internalIp = `10.0.1.${11 + i}`;
    const podCidr = `${options.podNetworkPrefix ?? '10.244'}.${i}.0/24`;
    const resources = {
      cpu: '4',
      'ephemeral-storage': '51287520Ki',
      'hugepages-2Mi': '0',
      memory: '16372528Ki',
      pods: '110',
    };
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, undefined, {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'ncloud.com/nks-nodepool': 'pool',
        'node.kubernetes.io/instance-type': 'SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002',
        'topology.kubernetes.io/region': 'KR',
        'topology.kubernetes.io/zone': 'KR-1',
      }),
      spec: {
        podCIDR: podCidr,
        podCIDRs: [podCidr],
        providerID: `navercloudplatform://${20_000_000 + random.int(9_000_000)}`,
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: internalIp },
          { type: 'Hostname', address: name },
        ],
        capacity: resources,
        allocatable: { ...resources, cpu: '3920m', memory: '15221552Ki' },
        conditions: [
          ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
          ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
          ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
          ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
        ].map(([type, status, reason, message]) => ({
          type: type!,
          status: status!,
          reason: reason!,
          message: message!,
          lastHeartbeatTime: api.timestamp(),
          lastTransitionTime: api.timestamp(),
        })),
        nodeInfo: {
          architecture: 'amd64',
          bootID: `${randomHex(random, 8)}-${randomHex(random, 4)}-${randomHex(random, 4)}-${randomHex(random, 4)}-${randomHex(random, 12)}`,
          containerRuntimeVersion: 'containerd://1.7.27',
          kernelVersion: '5.15.0-143-generic',
          kubeProxyVersion: version,
          kubeletVersion: version,
          machineID: randomHex(random, 32),
          operatingSystem: 'linux',
          osImage: 'Ubuntu 22.04.5 LTS',
          systemUUID: randomHex(random, 32),
        },
      },
    };
    const created = api.create(TYPES.Node, node);
    if (created.ok) nodes.push(created.object as Node);
  }
  return nodes;
}

/** The `kubernetes` Service (10.96.0.1) and the endpoint of the managed control plane. */
export function createApiServerService(api: ApiServer): void {
  api.create(TYPES.Service, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
  api.create(TYPES.Endpoints, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('kubernetes', 'default', { 'endpointslice.kubernetes.io/skip-mirror': 'true' }),
    subsets: [{ addresses: [{ ip: '10.0.0.6' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
}

function systemDeployment(
  name: string,
  labels: Record<string, string>,
  replicas: number,
  image: string,
  ports: object[],
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, 'kube-system', labels),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: name,
          containers: [{ name, image, ports, resources: { requests: { cpu: '100m', memory: '70Mi' } } }],
        },
      },
    },
  };
}

/** CoreDNS (with the kube-dns Service on 10.96.0.10) and metrics-server. */
export function createSystemWorkloads(api: ApiServer): void {
  for (const name of ['coredns', 'metrics-server']) {
    api.create(TYPES.ServiceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, 'kube-system') });
  }
  const dns = { 'k8s-app': 'kube-dns' };
  api.create(
    TYPES.Deployment,
    systemDeployment('coredns', dns, 2, SYSTEM_IMAGES[0], [
      { containerPort: 53, name: 'dns', protocol: 'UDP' },
      { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
      { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
    ]),
  );
  api.create(TYPES.Service, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' }),
    spec: {
      clusterIP: '10.96.0.10',
      selector: dns,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });
  api.create(
    TYPES.Deployment,
    systemDeployment('metrics-server', { 'k8s-app': 'metrics-server' }, 1, SYSTEM_IMAGES[1], [
      { containerPort: 10250, name: 'https', protocol: 'TCP' },
    ]),
  );
}
