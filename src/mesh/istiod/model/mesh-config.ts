/** meshConfig.extensionProviders[]: the providers Telemetry resources name. Only file access logs are modelled. */
export interface ExtensionProvider {
  readonly name: string;
  readonly envoyFileAccessLog?: {
    readonly path?: string;
    readonly logFormat?: { readonly text?: string; readonly labels?: Readonly<Record<string, unknown>> };
    readonly omitEmptyValues?: boolean;
  };
}

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
  /** Istio's `enableTracing` (on by default): every HTTP connection manager gets a `tracing` block. */
  readonly enableTracing: boolean;
  /** ALLOW_ANY: unknown destinations pass through; REGISTRY_ONLY: they get 502. */
  readonly outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** `/dev/stdout`: every proxy logs each request (when no Telemetry resource says otherwise); empty: none. */
  readonly accessLogFile: string;
  readonly accessLogEncoding: 'TEXT' | 'JSON';
  /** Envoy format string (TEXT) or JSON object text (JSON); empty: Istio's default format. */
  readonly accessLogFormat: string;
  /** The user's providers followed by Istio's built-in ones their names do not replace. */
  readonly extensionProviders: readonly ExtensionProvider[];
  /** `defaultProviders.accessLogging`: providers a Telemetry without `providers` (or none at all) uses. */
  readonly defaultAccessLogProviders: readonly string[];
}

/** Istio's built-in providers (pkg/config/mesh): `envoy` is the file access log on /dev/stdout. */
export const BUILTIN_EXTENSION_PROVIDERS: readonly ExtensionProvider[] = Object.freeze([
  { name: 'prometheus' },
  { name: 'stackdriver' },
  { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
]);

export const DEFAULT_MESH_CONFIG: MeshConfig = Object.freeze({
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  domainSuffix: 'cluster.local',
  connectTimeout: '10s',
  enableAutoMtls: true,
  enableTracing: true,
  outboundTrafficPolicy: 'ALLOW_ANY',
  accessLogFile: '',
  accessLogEncoding: 'TEXT',
  accessLogFormat: '',
  extensionProviders: BUILTIN_EXTENSION_PROVIDERS,
  defaultAccessLogProviders: [],
});
