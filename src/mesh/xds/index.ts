/** Envoy-shaped xDS resources: the contract between istiod and the proxies. Imports nothing else in the mesh. */
export type * from './common';
export type * from './listener';
export type * from './access-log';
export type * from './route';
export type * from './cluster';
export type * from './endpoint';
export type * from './secret';
export type * from './tls';
export type * from './http-filters';
export type * from './resources';
export { RESOURCE_KINDS } from './resources';
export { ROUTE_PROVENANCE_KEY } from './route';
export { fractionDenominator, fractionOf, percentToFraction } from './common';
export { formatDuration, parseDuration } from './duration';
export { compileRe2, re2Substitution } from './re2';
export type { Re2Result } from './re2';
export { decodeSimCertificate, encodeSimCertificate, readCertificate } from './certificate';
export type { SimCertificate } from './certificate';
// The DER istiod's CA writes workload certificates in, which readCertificate reads back.
export { TAG as DER_TAG, ascii, contextTag, time as derTime, tlv, unsignedInteger } from './der';
export { FILTER_NAME, TYPE_URL } from './type-urls';
export { validateListener } from './validate/listener';
export { validateRouteConfiguration, RETRY_ON_VALUES } from './validate/route';
export { validateCluster } from './validate/cluster';
export { validateClusterLoadAssignment } from './validate/endpoint';
export { validateSecret } from './validate/secret';
export { validateConfigUpdate } from './validate/update';
export {
  STRUCTURE_ONLY,
  type ConfigCheck,
  type HttpFilterConfigCheck,
  type HttpFilterConfigChecks,
} from './validate/http-filter-checks';
// The field checks resource validation is made of, for the HTTP filters that check their own configs.
export {
  FieldErrors,
  checkArray,
  checkDuration,
  checkFractionalPercent,
  checkHeaderMatcher,
  checkInt,
  checkRuntimeFraction,
  checkStringMatcher,
  exactlyOne,
  isObject,
  join,
  optionalBool,
  requireObject,
  requireString,
} from './validate/check';
export { ISTIO_DEFAULT_RETRY_POLICY, ISTIO_TEXT_LOG_FORMAT, ISTIO_UNLIMITED_THRESHOLD } from './istio-defaults';
