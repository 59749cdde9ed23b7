import { parseGoDuration } from '../go-format';
import { parseLogLevel, type LogLevel } from './logger';

/** The flags of `fortio load` / `fortio curl` the simulator honours (Go `flag` syntax: -c 2, -c=2, --c 2). */
export interface FortioFlags {
  /** -c: connections ("threads"). */
  connections: number;
  /** -qps: target queries per second; 0 or less means as fast as possible. */
  qps: number;
  /** -n: exact number of calls (0 = use -t). */
  exactly: number;
  /** -t: duration in ns (0 = until interrupted). */
  durationNs: number;
  /** -timeout in ns: per request (fortio's read deadline). */
  timeoutNs: number;
  /** -loglevel, when given. */
  logLevel: LogLevel | undefined;
  quiet: boolean;
  /** -H 'name: value', in order. */
  headers: [string, string][];
  allowInitialErrors: boolean;
  /** -payload: body to POST. */
  payload: string;
  contentType: string;
  /** -X: method override. */
  method: string | undefined;
  /** -curl: `fortio load -curl` behaves like `fortio curl`. */
  curl: boolean;
  /** -keepalive=false: a new connection per call. */
  keepAlive: boolean;
  percentiles: number[];
  resolution: number;
  jitter: boolean;
  uniform: boolean;
}

type Kind = 'bool' | 'int' | 'float' | 'duration' | 'string' | 'strings';

const FLAGS: Readonly<Record<string, Kind>> = {
  c: 'int',
  qps: 'float',
  n: 'int',
  t: 'duration',
  timeout: 'duration',
  loglevel: 'string',
  quiet: 'bool',
  H: 'strings',
  'allow-initial-errors': 'bool',
  payload: 'string',
  'content-type': 'string',
  X: 'string',
  curl: 'bool',
  keepalive: 'bool',
  p: 'string',
  r: 'float',
  jitter: 'bool',
  uniform: 'bool',
  nocatchup: 'bool',
  k: 'bool',
  h2: 'bool',
  stdclient: 'bool',
  'sequential-warmup': 'bool',
  a: 'bool',
  json: 'string',
  labels: 'string',
  'abort-on': 'int',
  httpbufferkb: 'int',
};

export type ParsedFlags = { ok: true; flags: FortioFlags; positional: string[] } | { ok: false; error: string };

export function defaultFlags(): FortioFlags {
  return {
    connections: 4,
    qps: 8,
    exactly: 0,
    durationNs: 5e9,
    timeoutNs: 3e9,
    logLevel: undefined,
    quiet: false,
    headers: [],
    allowInitialErrors: false,
    payload: '',
    contentType: '',
    method: undefined,
    curl: false,
    keepAlive: true,
    percentiles: [50, 75, 90, 99, 99.9],
    resolution: 0.001,
    jitter: false,
    uniform: false,
  };
}

/** Parses flags up to the first positional argument, as Go's flag package does. */
export function parseFortioFlags(args: readonly string[]): ParsedFlags {
  const flags = defaultFlags();
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const kind = FLAGS[name];
    if (kind === undefined) return { ok: false, error: `flag provided but not defined: -${name}` };
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (kind === 'bool') value = 'true';
    else {
      const next = args[i + 1];
      if (next === undefined) return { ok: false, error: `flag needs an argument: -${name}` };
      value = next;
      i++;
    }
    const error = apply(flags, name, kind, value);
    if (error !== undefined) return { ok: false, error: `invalid value "${value}" for flag -${name}: ${error}` };
  }
  return { ok: true, flags, positional: args.slice(i) };
}

function apply(flags: FortioFlags, name: string, kind: Kind, value: string): string | undefined {
  let number = 0;
  let bool = false;
  if (kind === 'int' || kind === 'float') {
    number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || (kind === 'int' && !Number.isInteger(number)))
      return 'parse error';
  } else if (kind === 'bool') {
    if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) return 'parse error';
    bool = ['true', '1', 't', 'TRUE', 'True'].includes(value);
  } else if (kind === 'duration') {
    const ns = parseGoDuration(value);
    if (ns === undefined) return 'parse error';
    number = ns;
  }
  switch (name) {
    case 'c':
      flags.connections = number;
      break;
    case 'qps':
      flags.qps = number;
      break;
    case 'n':
      flags.exactly = number;
      break;
    case 't':
      flags.durationNs = number;
      break;
    case 'timeout':
      flags.timeoutNs = number;
      break;
    case 'loglevel': {
      const level = parseLogLevel(value);
      if (level === undefined) return 'unknown level';
      flags.logLevel = level;
      break;
    }
    case 'quiet':
      flags.quiet = bool;
      break;
    case 'H': {
      const colon = value.indexOf(':');
      if (colon <= 0) return 'invalid header, expecting "key: value"';
      flags.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
      break;
    }
    case 'allow-initial-errors':
      flags.allowInitialErrors = bool;
      break;
    case 'payload':
      flags.payload = value;
      break;
    case 'content-type':
      flags.contentType = value;
      break;
    case 'X':
      flags.method = value;
      break;
    case 'curl':
      flags.curl = bool;
      break;
    case 'keepalive':
      flags.keepAlive = bool;
      break;
    case 'p': {
      const list = value.split(',').map((p) => Number(p.trim()));
      if (list.some((p) => !(p > 0 && p < 100))) return 'percentile must be > 0 and < 100';
      flags.percentiles = list;
      break;
    }
    case 'r':
      flags.resolution = number;
      break;
    case 'jitter':
      flags.jitter = bool;
      break;
    case 'uniform':
      flags.uniform = bool;
      break;
  }
  return undefined;
}
