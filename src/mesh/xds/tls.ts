import type { ConfigSource, StringMatcher } from './common';

/** envoy.transport_sockets.tls with an Upstream- or DownstreamTlsContext. */
export interface TransportSocket {
  name: string;
  typed_config: UpstreamTlsContext | DownstreamTlsContext;
}

export interface SdsSecretConfig {
  name: string;
  sds_config?: ConfigSource;
}

export interface CommonTlsContext {
  /** Our own certificate (Istio: the SDS secret `default`). */
  tls_certificate_sds_secret_configs?: SdsSecretConfig[];
  /** Trust anchor (Istio: the SDS secret `ROOTCA`) and expected peer SANs. */
  combined_validation_context?: {
    default_validation_context?: { match_subject_alt_names?: StringMatcher[] };
    validation_context_sds_secret_config?: SdsSecretConfig;
  };
  validation_context_sds_secret_config?: SdsSecretConfig;
  /** A static validation context; Istio writes an empty one when the server is not to be verified. */
  validation_context?: { match_subject_alt_names?: StringMatcher[] };
  alpn_protocols?: string[];
}

export interface UpstreamTlsContext {
  '@type'?: string;
  common_tls_context: CommonTlsContext;
  sni?: string;
}

export interface DownstreamTlsContext {
  '@type'?: string;
  common_tls_context: CommonTlsContext;
  require_client_certificate?: boolean;
}
