import type { ClusterLoadAssignment, LbEndpoint } from '../../xds';
import type { ServiceEndpoint, ServiceModel } from '../model/services';
import type { MeshSnapshot } from '../model/snapshot';
import type { Labels } from '../model/istio-api';
import { selectorMatches } from '../model/labels';
import { effectiveMtlsMode } from './peer-authentication';

/** `reviews-v1;default;reviews;v1;Kubernetes`: Istio's workload metadata (name; namespace; canonical service; revision; cluster). */
function workloadMetadata(ep: ServiceEndpoint): string {
  const service =
    ep.labels['service.istio.io/canonical-name'] ??
    ep.labels['app.kubernetes.io/name'] ??
    ep.labels['app'] ??
    ep.workloadName;
  const revision =
    ep.labels['service.istio.io/canonical-revision'] ??
    ep.labels['app.kubernetes.io/version'] ??
    ep.labels['version'] ??
    'latest';
  return `${ep.workloadName};${ep.namespace};${service};${revision};Kubernetes`;
}

/**
 * Whether a client may use mTLS to this endpoint under auto mTLS: it has a sidecar and its own
 * PeerAuthentication for that port is not DISABLE (Istio's EDS mtlsChecker). The answer rides in the
 * endpoint's `envoy.transport_socket_match` metadata, which the cluster's transport_socket_matches read.
 */
export function endpointTlsMode(snapshot: MeshSnapshot, ep: ServiceEndpoint, userTls: boolean): 'istio' | undefined {
  if (ep.tlsMode !== 'istio') return undefined;
  if (userTls) return 'istio';
  return effectiveMtlsMode(snapshot, { namespace: ep.namespace, labels: ep.labels }, ep.port) === 'DISABLE'
    ? undefined
    : 'istio';
}

function lbEndpoint(snapshot: MeshSnapshot, ep: ServiceEndpoint, userTls: boolean): LbEndpoint {
  const filter_metadata: Record<string, Record<string, unknown>> = { istio: { workload: workloadMetadata(ep) } };
  const tlsMode = endpointTlsMode(snapshot, ep, userTls);
  if (tlsMode !== undefined) filter_metadata['envoy.transport_socket_match'] = { tlsMode };
  return {
    endpoint: { address: { socket_address: { address: ep.address, port_value: ep.port } } },
    health_status: 'HEALTHY',
    metadata: { filter_metadata },
    load_balancing_weight: 1,
  };
}

/**
 * The ClusterLoadAssignment of one outbound cluster: the service's ready endpoints on that port, only
 * those whose labels include the subset's labels for a subset cluster.
 */
export function buildClusterLoadAssignment(
  snapshot: MeshSnapshot,
  clusterName: string,
  service: ServiceModel,
  port: number,
  subsetLabels: Labels | undefined,
  userTls: boolean,
): ClusterLoadAssignment {
  const lbEndpoints = service.endpoints
    .filter((ep) => ep.servicePort === port && selectorMatches(subsetLabels, ep.labels))
    .map((ep) => lbEndpoint(snapshot, ep, userTls))
    .sort((a, b) => {
      const x = a.endpoint.address.socket_address;
      const y = b.endpoint.address.socket_address;
      return x.address < y.address ? -1 : x.address > y.address ? 1 : x.port_value - y.port_value;
    });
  const cla: ClusterLoadAssignment = { cluster_name: clusterName, endpoints: [] };
  if (lbEndpoints.length > 0)
    cla.endpoints = [{ locality: {}, lb_endpoints: lbEndpoints, load_balancing_weight: lbEndpoints.length }];
  return cla;
}
