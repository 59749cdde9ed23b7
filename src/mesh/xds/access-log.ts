/**
 * envoy.config.accesslog.v3.AccessLog: one access logger on an HTTP connection manager or a TCP proxy. Istio
 * writes `envoy.access_loggers.file` loggers (meshConfig.accessLogFile, the Telemetry API's `envoy` and
 * `envoyFileAccessLog` providers), optionally behind a CEL filter (Telemetry `accessLogging[].filter`).
 */
export interface AccessLog {
  name: string;
  filter?: AccessLogFilter;
  typed_config?: FileAccessLog | Record<string, unknown>;
}

/** Only the extension filter Istio generates: `envoy.access_loggers.extension_filters.cel`. */
export interface AccessLogFilter {
  extension_filter?: { name: string; typed_config?: { '@type'?: string; expression?: string } };
}

/** envoy.extensions.access_loggers.file.v3.FileAccessLog. */
export interface FileAccessLog {
  '@type'?: string;
  path: string;
  log_format?: SubstitutionFormatString;
}

/** envoy.config.core.v3.SubstitutionFormatString: text or JSON built from command operators (`%RESPONSE_CODE%`). */
export interface SubstitutionFormatString {
  text_format_source?: { inline_string: string };
  json_format?: Record<string, unknown>;
  omit_empty_values?: boolean;
}
