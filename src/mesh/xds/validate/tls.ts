import type { FieldErrors } from './check';
import { checkArray, checkStringMatcher, isObject, join, optionalBool, requireObject, requireString } from './check';

function checkSdsConfig(e: FieldErrors, path: string, v: unknown): void {
  const s = requireObject(e, path, v);
  if (s !== undefined) requireString(e, join(path, 'name'), s['name']);
}

/** transport_socket with an Upstream/DownstreamTlsContext. */
export function checkTransportSocket(e: FieldErrors, path: string, v: unknown): void {
  const t = requireObject(e, path, v);
  if (t === undefined) return;
  const name = requireString(e, join(path, 'name'), t['name']);
  if (name !== undefined && name !== 'envoy.transport_sockets.tls' && name !== 'envoy.transport_sockets.raw_buffer') {
    e.add(join(path, 'name'), `unknown transport socket "${name}"`);
  }
  if (name !== 'envoy.transport_sockets.tls') return;
  const ctx = requireObject(e, join(path, 'typed_config'), t['typed_config']);
  if (ctx === undefined) return;
  optionalBool(e, join(path, 'typed_config.require_client_certificate'), ctx['require_client_certificate']);
  const common = requireObject(e, join(path, 'typed_config.common_tls_context'), ctx['common_tls_context']);
  if (common === undefined) return;
  const cp = join(path, 'typed_config.common_tls_context');
  checkArray(e, join(cp, 'tls_certificate_sds_secret_configs'), common['tls_certificate_sds_secret_configs'], (s, p) =>
    checkSdsConfig(e, p, s),
  );
  const combined = common['combined_validation_context'];
  if (combined !== undefined) {
    if (!isObject(combined)) e.add(join(cp, 'combined_validation_context'), 'must be an object');
    else {
      const def = combined['default_validation_context'];
      if (isObject(def)) {
        checkArray(
          e,
          join(cp, 'combined_validation_context.default_validation_context.match_subject_alt_names'),
          def['match_subject_alt_names'],
          (m, p) => checkStringMatcher(e, p, m),
        );
      }
      if (combined['validation_context_sds_secret_config'] !== undefined) {
        checkSdsConfig(
          e,
          join(cp, 'combined_validation_context.validation_context_sds_secret_config'),
          combined['validation_context_sds_secret_config'],
        );
      }
    }
  }
}
