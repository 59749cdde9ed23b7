import type { SubstitutionFormatString } from '../../xds';
import { ISTIO_TEXT_LOG_FORMAT } from '../../xds';
import { celActivation } from './cel-attributes';
import { compileCel } from './cel';
import type { AccessLogRecord } from './log-record';

/**
 * Envoy's substitution formatter: `%COMMAND(arg):max%` operators in a text line or in the values of a JSON
 * object. A value the stream does not have prints `-` in text and `null` in JSON (numbers stay numbers
 * there). An operator Envoy does not know rejects the config, as Envoy's does.
 */
export type LogFormatter = (record: AccessLogRecord) => string;

type Value = string | number | undefined;
type Operator = (record: AccessLogRecord) => Value;

const withoutPort = (address: string): Value => (address === '-' ? undefined : address.replace(/:\d+$/, ''));
const dash = (text: string): Value => (text === '-' || text === '' ? undefined : text);

const OPERATORS: Readonly<Record<string, Operator>> = {
  START_TIME: (r) => r.startTime,
  // A TCP connection has no protocol, method, path or authority: `"- - -"` in Istio's line.
  PROTOCOL: (r) => dash(r.protocol),
  RESPONSE_CODE: (r) => r.responseCode,
  // Envoy prints `-` for no flags in JSON too.
  RESPONSE_FLAGS: (r) => r.responseFlags,
  RESPONSE_CODE_DETAILS: (r) => dash(r.responseCodeDetails),
  CONNECTION_TERMINATION_DETAILS: () => undefined,
  UPSTREAM_TRANSPORT_FAILURE_REASON: (r) => r.upstreamTransportFailureReason,
  BYTES_RECEIVED: (r) => r.bytesReceived,
  BYTES_SENT: (r) => r.bytesSent,
  DURATION: (r) => r.durationMs,
  REQUEST_DURATION: () => 0,
  RESPONSE_DURATION: (r) => r.durationMs,
  UPSTREAM_HOST: (r) => dash(r.upstreamHost),
  UPSTREAM_REMOTE_ADDRESS: (r) => dash(r.upstreamHost),
  UPSTREAM_CLUSTER: (r) => dash(r.upstreamCluster),
  UPSTREAM_CLUSTER_RAW: (r) => dash(r.upstreamCluster),
  UPSTREAM_LOCAL_ADDRESS: (r) => dash(r.upstreamLocalAddress),
  UPSTREAM_REQUEST_ATTEMPT_COUNT: (r) => r.attemptCount,
  DOWNSTREAM_LOCAL_ADDRESS: (r) => r.downstreamLocalAddress,
  DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT: (r) => withoutPort(r.downstreamLocalAddress),
  DOWNSTREAM_REMOTE_ADDRESS: (r) => r.downstreamRemoteAddress,
  DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT: (r) => withoutPort(r.downstreamRemoteAddress),
  DOWNSTREAM_DIRECT_REMOTE_ADDRESS: (r) => r.downstreamRemoteAddress,
  DOWNSTREAM_PEER_URI_SAN: (r) => dash(r.downstreamPeerUriSan),
  DOWNSTREAM_LOCAL_URI_SAN: (r) => dash(r.downstreamLocalUriSan),
  REQUESTED_SERVER_NAME: (r) => dash(r.requestedServerName),
  ROUTE_NAME: (r) => dash(r.routeName),
  HOSTNAME: (r) => r.hostname,
};

/** Pseudo-headers as `%REQ(:PATH)%` names them. */
function requestHeader(r: AccessLogRecord, name: string): string | undefined {
  switch (name) {
    case ':method':
      return r.method || undefined;
    case ':path':
      return r.path || undefined;
    case ':authority':
      return r.authority || undefined;
    case ':scheme':
      return 'http';
    default:
      return r.requestHeaders[name];
  }
}

/** `X?Y`: header X, else Y. */
function headerOperator(args: string, read: (name: string) => string | undefined): Operator {
  const names = args.toLowerCase().split('?');
  return () => {
    for (const n of names) {
      const v = read(n);
      if (v !== undefined) return v;
    }
    return undefined;
  };
}

function compileOperator(name: string, args: string | undefined): Operator {
  const plain = OPERATORS[name];
  if (plain !== undefined && args === undefined) return plain;
  switch (name) {
    case 'START_TIME':
      return OPERATORS['START_TIME']!;
    case 'REQ':
      return (r) => headerOperator(args ?? '', (n) => requestHeader(r, n))(r);
    case 'REQ_WITHOUT_QUERY':
      return (r) => headerOperator(args ?? '', (n) => requestHeader(r, n)?.split('?')[0])(r);
    case 'RESP':
      return (r) => headerOperator(args ?? '', (n) => r.responseHeaders[n])(r);
    case 'TRAILER':
    case 'FILTER_STATE':
    case 'DYNAMIC_METADATA':
    case 'METADATA':
    case 'CLUSTER_METADATA':
      return () => undefined;
    case 'CEL': {
      const program = compileCel(args ?? '');
      return (r) => {
        try {
          const v = program(celActivation(r));
          return typeof v === 'string' || typeof v === 'number' ? v : v === null ? undefined : JSON.stringify(v);
        } catch {
          return undefined;
        }
      };
    }
    default:
      throw new Error(`Not supported field in StreamInfo: ${name}`);
  }
}

type Piece = string | { op: Operator; max: number | undefined };

const COMMAND = /%([A-Z_][A-Z0-9_]*)(?:\((.*?)\))?(?::(\d+))?%/gs;

function compilePieces(format: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of format.matchAll(COMMAND)) {
    if (m.index > last) pieces.push(format.slice(last, m.index));
    pieces.push({ op: compileOperator(m[1]!, m[2]), max: m[3] === undefined ? undefined : Number(m[3]) });
    last = m.index + m[0].length;
  }
  if (last < format.length) pieces.push(format.slice(last));
  return pieces;
}

function evaluate(piece: Exclude<Piece, string>, r: AccessLogRecord): Value {
  const v = piece.op(r);
  return typeof v === 'string' && piece.max !== undefined ? v.slice(0, piece.max) : v;
}

function textOf(pieces: readonly Piece[], r: AccessLogRecord, empty: string): string {
  let out = '';
  for (const p of pieces) {
    if (typeof p === 'string') out += p;
    else out += String(evaluate(p, r) ?? empty);
  }
  return out;
}

type JsonTemplate = { pieces: Piece[] } | { fields: [string, JsonTemplate][] } | { literal: unknown };

function compileJson(value: unknown): JsonTemplate {
  if (typeof value === 'string') return { pieces: compilePieces(value) };
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return { fields: Object.entries(value).map(([k, v]) => [k, compileJson(v)]) };
  return { literal: value };
}

function renderJson(t: JsonTemplate, r: AccessLogRecord, omitEmpty: boolean): unknown {
  if ('literal' in t) return t.literal;
  if ('pieces' in t) {
    const only = t.pieces.length === 1 ? t.pieces[0] : undefined;
    // A value that is one operator keeps its type (a number stays a number, nothing is null).
    if (only !== undefined && typeof only !== 'string') return evaluate(only, r) ?? null;
    return textOf(t.pieces, r, '-');
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of t.fields) {
    const value = renderJson(v, r, omitEmpty);
    if (!(omitEmpty && (value === null || value === ''))) out[k] = value;
  }
  return out;
}

/**
 * Formatters by the format they were compiled from. Every push rebuilds each listener's loggers, almost always
 * with the same format (Istio's default line, or the mesh's one JSON format), and compiling it again was a
 * noticeable part of a mesh's boot. Formatters keep no state, so one serves every logger; a learner who tries
 * format after format clears the table now and then.
 */
const formatters = new Map<string, LogFormatter>();
const MAX_FORMATTERS = 64;

/** A formatter for a file logger's `log_format`; none means Envoy's own default, which Istio always replaces. */
export function compileLogFormat(format: SubstitutionFormatString | undefined): LogFormatter {
  const key = format === undefined ? '' : JSON.stringify(format);
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = compileNewLogFormat(format);
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

function compileNewLogFormat(format: SubstitutionFormatString | undefined): LogFormatter {
  const omitEmpty = format?.omit_empty_values === true;
  if (format?.json_format !== undefined) {
    const template = compileJson(format.json_format);
    return (r) => `${JSON.stringify(renderJson(template, r, omitEmpty))}\n`;
  }
  const pieces = compilePieces(format?.text_format_source?.inline_string ?? ISTIO_TEXT_LOG_FORMAT);
  const empty = omitEmpty ? '' : '-';
  return (r) => textOf(pieces, r, empty);
}
