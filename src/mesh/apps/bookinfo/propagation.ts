import type { Headers } from '../../net';
import type { Random } from '../../sim';

/**
 * Headers each Bookinfo service copies from the request it serves onto the requests it makes. Envoy can
 * only tie spans into one trace, and route on `end-user`, when the application forwards them.
 */
const TRACE_CONTEXT = [
  'x-request-id',
  'x-ot-span-context',
  'x-datadog-trace-id',
  'x-datadog-parent-id',
  'x-datadog-sampling-priority',
  'traceparent',
  'tracestate',
  'x-cloud-trace-context',
  'grpc-trace-bin',
  'sw8',
] as const;

const B3 = ['x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags'] as const;

/** productpage (Python): trace context, b3 from its tracer, the user agent, and the session's credentials. */
export const PRODUCTPAGE_FORWARDED = [...TRACE_CONTEXT, 'user-agent', 'cookie', 'authorization', 'jwt'] as const;

/** reviews (Java): trace context, b3 verbatim, and the user the routing rules match on. */
export const REVIEWS_FORWARDED = [...TRACE_CONTEXT, ...B3, 'end-user', 'user-agent'] as const;

/** details (Ruby) forwards only what its external call would need. */
export const DETAILS_FORWARDED = [
  'x-request-id',
  ...B3,
  'x-ot-span-context',
  'x-datadog-trace-id',
  'x-datadog-parent-id',
  'x-datadog-sampled',
] as const;

/** Copies the listed headers that `incoming` carries. */
export function forwardHeaders(incoming: Headers, names: readonly string[]): Headers {
  const out: Headers = {};
  for (const name of names) {
    const value = incoming[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * productpage's OpenTracing tracer (B3 codec) joins the incoming span when there is one, so the b3 headers
 * pass through unchanged; with none it starts a fresh sampled trace.
 */
export function b3Context(incoming: Headers, random: Random): Headers {
  const traceId = incoming['x-b3-traceid'];
  if (traceId !== undefined) return forwardHeaders(incoming, B3);
  const spanId = randomHex(random, 16);
  return { 'x-b3-traceid': spanId, 'x-b3-spanid': spanId, 'x-b3-sampled': '1' };
}

export function randomHex(random: Random, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += random.int(16).toString(16);
  return out;
}
