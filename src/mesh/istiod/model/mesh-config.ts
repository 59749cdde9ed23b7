/** The MeshConfig fields the translation reads, with Istio's defaults. */
export interface MeshConfig {
  /** Where mesh-wide policies (PeerAuthentication, AuthorizationPolicy, EnvoyFilter) live. */
  readonly rootNamespace: string;
  /** SPIFFE trust domain: identities are `spiffe://<trustDomain>/ns/<ns>/sa/<sa>`. */
  readonly trustDomain: string;
  /** Kubernetes DNS suffix: `<svc>.<ns>.svc.<domainSuffix>`. */
  readonly domainSuffix: string;
  /** Cluster connect_timeout (Envoy JSON duration). */
  readonly connectTimeout: string;
  readonly enableAutoMtls: boolean;
  /** ALLOW_ANY: unknown destinations pass through; REGISTRY_ONLY: they get 502. */
  readonly outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
}

export const DEFAULT_MESH_CONFIG: MeshConfig = Object.freeze({
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  domainSuffix: 'cluster.local',
  connectTimeout: '10s',
  enableAutoMtls: true,
  outboundTrafficPolicy: 'ALLOW_ANY',
});
