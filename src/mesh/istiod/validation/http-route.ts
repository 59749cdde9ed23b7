/** One `http` route of a VirtualService, checked as Istio's validateHTTPRoute does, in its order. */
import {
  goFixed,
  isDns1123Label,
  validateDuration,
  validateLabels,
  validatePercentage,
  validatePort,
  validateWildcardDomain,
} from './checks';
import { arr, num, obj, present, str, type Json } from './json';
import { Validation } from './validation';

/** Envoy's `x-envoy-retry-on` and `x-envoy-retry-grpc-on` policies, the ones Istio accepts besides status codes. */
const RETRY_ON = new Set([
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
]);

/** The status codes Go's net/http has a text for: Istio takes a number in retryOn only if it is one of them. */
const KNOWN_STATUS_CODES = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400,
  401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425,
  426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

export function validateHttpRoute(route: Json, delegate: boolean): Validation {
  const v = new Validation();
  for (const e of routeConflicts(route, delegate)) v.error(e);
  for (const e of matchErrors(route)) v.error(e);
  if (present(route.fault)) v.add(faultValidation(obj(route.fault)));
  const mirrorPercentage = obj(route.mirrorPercentage)?.value;
  if (typeof mirrorPercentage === 'number') {
    if (mirrorPercentage > 100)
      v.error(`mirror_percentage must have a max value of 100 (it has ${goFixed(mirrorPercentage)})`);
    if (mirrorPercentage < 0)
      v.error(`mirror_percentage must have a min value of 0 (it has ${goFixed(mirrorPercentage)})`);
  }
  if (present(route.mirrorPercent)) v.warn('using deprecated setting "mirrorPercent", use "mirrorPercentage" instead');
  for (const e of destinationErrors(obj(route.mirror))) v.error(e);
  for (const e of retryErrors(obj(route.retries))) v.error(e);
  for (const e of routeDestinationErrors(arr(route.route))) v.error(e);
  v.error(route.timeout === undefined ? undefined : validateDuration(route.timeout));
  return v;
}

function routeConflicts(route: Json, delegate: boolean): string[] {
  const errors: string[] = [];
  const has = (field: string): boolean => present(route[field]);
  const routes = arr(route.route).length;
  if (!delegate && has('delegate')) {
    if (has('redirect')) errors.push(`root HTTP route ${str(route.name)} must not specify redirect`);
    if (has('route')) errors.push(`root HTTP route ${str(route.name)} must not specify route`);
    return errors;
  }
  if (delegate && has('delegate')) errors.push('delegate HTTP route cannot contain delegate');
  if (has('redirect')) {
    if (routes > 0) errors.push('HTTP route cannot contain both route and redirect');
    if (has('fault')) errors.push('HTTP route cannot contain both fault and redirect');
    if (has('rewrite')) errors.push('HTTP route rule cannot contain both rewrite and redirect');
    if (has('directResponse')) errors.push('HTTP route rule cannot contain both direct_response and redirect');
  } else if (has('directResponse')) {
    if (routes > 0) errors.push('HTTP route cannot contain both route and direct_response');
    if (has('fault')) errors.push('HTTP route cannot contain both fault and direct_response');
    if (has('rewrite')) errors.push('HTTP route rule cannot contain both rewrite and direct_response');
  } else if (routes === 0) {
    errors.push('HTTP route, redirect or direct_response is required');
  }
  if (has('mirror') && arr(route.mirrors).length > 0) errors.push('HTTP route cannot contain both mirror and mirrors');
  return errors;
}

function matchErrors(route: Json): string[] {
  const errors: string[] = [];
  const matches = arr(route.match)
    .map(obj)
    .filter((m): m is Json => m !== undefined);
  for (const match of matches) {
    for (const [name, header] of Object.entries(obj(match.headers) ?? {})) {
      if (header === null) errors.push(`header match ${name} cannot be null`);
    }
  }
  for (const match of matches) {
    const port = num(match.port);
    if (port !== 0) errors.push(...optional(validatePort(port)));
    errors.push(...validateLabels(match.sourceLabels));
    const sourceNamespace = str(match.sourceNamespace);
    if (sourceNamespace !== '' && !isDns1123Label(sourceNamespace))
      errors.push(`sourceNamespace match ${sourceNamespace} is invalid`);
  }
  return errors;
}

function faultValidation(fault: Json | undefined): Validation {
  const v = new Validation();
  const abort = obj(fault?.abort);
  const delay = obj(fault?.delay);
  if (abort === undefined && delay === undefined) v.error('HTTP fault injection must have an abort and/or a delay');
  if (abort !== undefined) {
    v.error(validatePercentage(abort.percentage));
    if (present(abort.grpcStatus)) v.error(grpcStatusError(str(abort.grpcStatus)));
    else if (present(abort.http2Error)) v.error('HTTP/2 abort fault injection not supported yet');
    else if (present(abort.httpStatus)) {
      const status = num(abort.httpStatus);
      if (status < 200 || status > 600) v.error(`HTTP status ${status} is not in range 200-599`);
    } else v.warn('abort configured, but error type not set');
  }
  if (delay !== undefined) {
    v.error(validatePercentage(delay.percentage));
    if (present(delay.fixedDelay)) v.error(validateDuration(delay.fixedDelay));
    else if (present(delay.exponentialDelay)) {
      v.error(validateDuration(delay.exponentialDelay));
      v.error('exponentialDelay not supported yet');
    }
  }
  return v;
}

const GRPC_STATUSES = new Set([
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
]);

function grpcStatusError(status: string): string | undefined {
  if (GRPC_STATUSES.has(status)) return undefined;
  return (
    `gRPC status ${JSON.stringify(status)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md ` +
    "for a list of supported codes, for example 'NOT_FOUND'"
  );
}

function retryErrors(retries: Json | undefined): string[] {
  if (retries === undefined) return [];
  const errors: string[] = [];
  const attempts = num(retries.attempts);
  const retryOn = str(retries.retryOn);
  if (attempts < 0) errors.push('attempts cannot be negative');
  if (attempts === 0 && (present(retries.perTryTimeout) || retryOn !== '' || present(retries.retryRemoteLocalities)))
    errors.push('http retry policy configured when attempts are set to 0 (disabled)');
  if (present(retries.perTryTimeout)) errors.push(...optional(validateDuration(retries.perTryTimeout)));
  if (retryOn !== '') {
    for (const policy of retryOn.split(',')) {
      const code = /^[+-]?\d+$/.test(policy) ? Number(policy) : Number.NaN;
      if (!KNOWN_STATUS_CODES.has(code) && !RETRY_ON.has(policy))
        errors.push(`${JSON.stringify(policy)} is not a valid retryOn policy`);
    }
  }
  if (present(retries.backoff)) errors.push(...optional(validateDuration(retries.backoff)));
  return errors;
}

export function destinationErrors(destination: Json | undefined): string[] {
  if (destination === undefined) return [];
  const errors: string[] = [];
  const host = str(destination.host);
  if (host === '*') errors.push(`invalid destination host ${host}`);
  else errors.push(...optional(validateWildcardDomain(host)));
  const subset = str(destination.subset);
  if (subset !== '' && !isDns1123Label(subset)) errors.push(`subset name is invalid: ${subset}`);
  const port = obj(destination.port);
  if (port !== undefined) errors.push(...optional(validatePort(num(port.number))));
  return errors;
}

/** HTTP, TCP and TLS routes' destinations: weights not negative, and not all zero when there are several. */
export function routeDestinationErrors(destinations: unknown[]): string[] {
  const errors: string[] = [];
  let total = 0;
  for (const item of destinations) {
    const weighted = obj(item);
    if (weighted === undefined) {
      errors.push('weight may not be nil');
      continue;
    }
    if (!present(weighted.destination)) errors.push('destination is required');
    errors.push(...destinationErrors(obj(weighted.destination)));
    const weight = num(weighted.weight);
    if (weight < 0) errors.push(`weight ${weight} < 0`);
    total += weight;
  }
  if (destinations.length > 1 && total === 0) errors.push('total destination weight = 0');
  return errors;
}

export function optional(error: string | undefined): string[] {
  return error === undefined ? [] : [error];
}
