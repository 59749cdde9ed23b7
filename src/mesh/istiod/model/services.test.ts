import { describe, expect, it } from 'vitest';
import { istio, pod, service } from '../testing/objects';
import { DEFAULT_MESH_CONFIG } from './mesh-config';
import { serviceFromKube, servicesFromServiceEntry } from './services';
import { workloadFromPod } from './workloads';

// kube-dns as every cluster has it: port 53 twice (UDP and TCP) and the metrics port.
const kubeDns = service('kube-dns', {
  namespace: 'kube-system',
  clusterIP: '10.96.0.10',
  selector: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
  ],
});
const coredns = workloadFromPod(
  pod('coredns-5d78c9869d-8xk2p', {
    namespace: 'kube-system',
    ip: '10.244.0.2',
    labels: { 'k8s-app': 'kube-dns' },
    sidecar: false,
    ports: [53, 9153],
  }),
);

describe('UDP ports, which Istio builds no clusters or listeners for', () => {
  it('are left out of a Kubernetes Service, with their endpoints', () => {
    const model = serviceFromKube(kubeDns, [coredns], DEFAULT_MESH_CONFIG)!;
    expect(model.ports.map((p) => [p.name, p.port])).toEqual([
      ['dns-tcp', 53],
      ['metrics', 9153],
    ]);
    expect(model.endpoints.map((e) => [e.servicePort, e.address, e.port])).toEqual([
      [53, '10.244.0.2', 53],
      [9153, '10.244.0.2', 9153],
    ]);
  });

  it('are left out of a ServiceEntry too; an undeclared protocol is TCP', () => {
    const entry = istio('ServiceEntry', 'external-dns', {
      hosts: ['dns.example.com'],
      ports: [
        { number: 53, name: 'udp-dns', protocol: 'UDP' },
        { number: 53, name: 'tcp-dns', protocol: 'TCP' },
        { number: 8080, name: 'web' },
      ],
      resolution: 'DNS',
    });
    const [model] = servicesFromServiceEntry(entry, []);
    expect(model?.ports.map((p) => p.name)).toEqual(['tcp-dns', 'web']);
    expect(model?.endpoints.map((e) => e.servicePort)).toEqual([53, 8080]);
  });
});
