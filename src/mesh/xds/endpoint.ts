import type { Address, Metadata } from './common';

/** EDS: the endpoints of one cluster. */
export interface ClusterLoadAssignment {
  cluster_name: string;
  endpoints?: LocalityLbEndpoints[];
  policy?: { overprovisioning_factor?: number };
}

export interface LocalityLbEndpoints {
  locality?: { region?: string; zone?: string; sub_zone?: string };
  lb_endpoints: LbEndpoint[];
  load_balancing_weight?: number;
  priority?: number;
}

export type HealthStatus = 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY' | 'DRAINING' | 'TIMEOUT' | 'DEGRADED';

/**
 * One endpoint. Istio puts the workload's labels in `metadata.filter_metadata.istio`
 * (`workload: "<name>;<namespace>;<app>;<version>;<cluster>"`) and `tlsMode: istio` under
 * `envoy.transport_socket_match` for endpoints that have a sidecar.
 */
export interface LbEndpoint {
  endpoint: { address: Address; hostname?: string };
  health_status?: HealthStatus;
  metadata?: Metadata;
  /** Default 1. */
  load_balancing_weight?: number;
}
