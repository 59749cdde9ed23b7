/**
 * curl's own command-line rules (not pflag's): short options group (`-sS`, `-sSL`), a short option's value may
 * be attached (`-o/dev/null`, `-XPOST`, `-HHost:x`), long options take their value as the next argument,
 * options and URLs mix freely.
 */
export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  location: boolean;
  output: string | undefined;
  /** `-D file`: every response's status line and headers, redirects included (`-` is stdout). */
  dumpHeader: string | undefined;
  writeOut: string | undefined;
  method: string | undefined;
  headers: string[];
  data: string[];
  cookieJar: string | undefined;
  cookies: string[];
  maxTimeMs: number | undefined;
  connectTimeoutMs: number | undefined;
  user: string | undefined;
  userAgent: string | undefined;
  /** `--resolve host:port:addr` as written: connect to addr for host:port, still sending host as Host (and SNI). */
  resolve: string[];
  retry: number;
  retryConnRefused: boolean;
  retryAllErrors: boolean;
  /** A fixed wait between retries; without it curl backs off from 1 s, doubling. */
  retryDelayMs: number | undefined;
  retryMaxTimeMs: number | undefined;
  /** `-k`: accept any server certificate. */
  insecure: boolean;
  /** `--cacert FILE`: trust only the CA certificates in FILE instead of the machine's bundle. */
  cacert: string | undefined;
  /** `--cert FILE` / `--key FILE`: the client certificate offered when a server asks (mutual TLS). */
  cert: string | undefined;
  key: string | undefined;
  /** `--http1.1`: offer only http/1.1 in ALPN. */
  http11: boolean;
}

type Kind = 'flag' | 'value';

interface Spec {
  long: string;
  short?: string;
  kind: Kind;
  apply(options: CurlOptions, value: string): void;
}

const ignore = (): void => undefined;

const SPECS: Spec[] = [
  { long: 'silent', short: 's', kind: 'flag', apply: (o) => void (o.silent = true) },
  { long: 'show-error', short: 'S', kind: 'flag', apply: (o) => void (o.showError = true) },
  { long: 'verbose', short: 'v', kind: 'flag', apply: (o) => void (o.verbose = true) },
  { long: 'head', short: 'I', kind: 'flag', apply: (o) => void (o.head = true) },
  { long: 'include', short: 'i', kind: 'flag', apply: (o) => void (o.include = true) },
  { long: 'fail', short: 'f', kind: 'flag', apply: (o) => void (o.fail = true) },
  { long: 'location', short: 'L', kind: 'flag', apply: (o) => void (o.location = true) },
  { long: 'output', short: 'o', kind: 'value', apply: (o, v) => void (o.output = v) },
  { long: 'dump-header', short: 'D', kind: 'value', apply: (o, v) => void (o.dumpHeader = v) },
  { long: 'write-out', short: 'w', kind: 'value', apply: (o, v) => void (o.writeOut = v) },
  { long: 'request', short: 'X', kind: 'value', apply: (o, v) => void (o.method = v) },
  { long: 'header', short: 'H', kind: 'value', apply: (o, v) => void o.headers.push(v) },
  { long: 'data', short: 'd', kind: 'value', apply: (o, v) => void o.data.push(v) },
  { long: 'data-raw', kind: 'value', apply: (o, v) => void o.data.push(v) },
  { long: 'data-binary', kind: 'value', apply: (o, v) => void o.data.push(v) },
  { long: 'data-ascii', kind: 'value', apply: (o, v) => void o.data.push(v) },
  { long: 'cookie-jar', short: 'c', kind: 'value', apply: (o, v) => void (o.cookieJar = v) },
  { long: 'cookie', short: 'b', kind: 'value', apply: (o, v) => void o.cookies.push(v) },
  { long: 'max-time', short: 'm', kind: 'value', apply: (o, v) => void (o.maxTimeMs = seconds(v, 'max-time')) },
  {
    long: 'connect-timeout',
    kind: 'value',
    apply: (o, v) => void (o.connectTimeoutMs = seconds(v, 'connect-timeout')),
  },
  { long: 'user', short: 'u', kind: 'value', apply: (o, v) => void (o.user = v) },
  { long: 'user-agent', short: 'A', kind: 'value', apply: (o, v) => void (o.userAgent = v) },
  { long: 'url', kind: 'value', apply: (o, v) => void o.urls.push(v) },
  { long: 'resolve', kind: 'value', apply: (o, v) => void o.resolve.push(v) },
  { long: 'retry', kind: 'value', apply: (o, v) => void (o.retry = count(v, 'retry')) },
  { long: 'retry-connrefused', kind: 'flag', apply: (o) => void (o.retryConnRefused = true) },
  { long: 'retry-all-errors', kind: 'flag', apply: (o) => void (o.retryAllErrors = true) },
  { long: 'retry-delay', kind: 'value', apply: (o, v) => void (o.retryDelayMs = seconds(v, 'retry-delay')) },
  {
    long: 'retry-max-time',
    kind: 'value',
    apply: (o, v) => void (o.retryMaxTimeMs = seconds(v, 'retry-max-time')),
  },
  { long: 'insecure', short: 'k', kind: 'flag', apply: (o) => void (o.insecure = true) },
  { long: 'cacert', kind: 'value', apply: (o, v) => void (o.cacert = v) },
  { long: 'cert', short: 'E', kind: 'value', apply: (o, v) => void (o.cert = v) },
  { long: 'key', kind: 'value', apply: (o, v) => void (o.key = v) },
  { long: 'http1.1', kind: 'flag', apply: (o) => void (o.http11 = true) },
  // Accepted and ignored: they change nothing the simulation shows.
  { long: 'no-buffer', short: 'N', kind: 'flag', apply: ignore },
  { long: 'compressed', kind: 'flag', apply: ignore },
  { long: 'http2', kind: 'flag', apply: ignore },
  { long: 'http2-prior-knowledge', kind: 'flag', apply: ignore },
  { long: 'progress-bar', short: '#', kind: 'flag', apply: ignore },
  { long: 'capath', kind: 'value', apply: ignore },
  { long: 'cert-type', kind: 'value', apply: ignore },
  { long: 'key-type', kind: 'value', apply: ignore },
];

export class CurlUsageError extends Error {}

function seconds(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new CurlUsageError(`option --${option}: expected a proper numerical parameter`);
  return value * 1000;
}

function count(text: string, option: string): number {
  if (!/^\d+$/.test(text)) throw new CurlUsageError(`option --${option}: expected a proper numerical parameter`);
  return Number(text);
}

export function parseCurlArgs(argv: readonly string[]): CurlOptions {
  const options: CurlOptions = {
    urls: [],
    silent: false,
    showError: false,
    verbose: false,
    head: false,
    include: false,
    fail: false,
    location: false,
    output: undefined,
    dumpHeader: undefined,
    writeOut: undefined,
    method: undefined,
    headers: [],
    data: [],
    cookieJar: undefined,
    cookies: [],
    maxTimeMs: undefined,
    connectTimeoutMs: undefined,
    user: undefined,
    userAgent: undefined,
    resolve: [],
    retry: 0,
    retryConnRefused: false,
    retryAllErrors: false,
    retryDelayMs: undefined,
    retryMaxTimeMs: undefined,
    insecure: false,
    cacert: undefined,
    cert: undefined,
    key: undefined,
    http11: false,
  };
  const byLong = new Map(SPECS.map((s) => [s.long, s]));
  const byShort = new Map(SPECS.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const spec = byLong.get(arg.slice(2));
      if (spec === undefined) throw new CurlUsageError(`option ${arg}: is unknown`);
      if (spec.kind === 'flag') spec.apply(options, '');
      else {
        const value = argv[++i];
        if (value === undefined) throw new CurlUsageError(`option ${arg}: requires parameter`);
        spec.apply(options, value);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const spec = byShort.get(arg[j]!);
        if (spec === undefined) throw new CurlUsageError(`option -${arg.slice(j)}: is unknown`);
        if (spec.kind === 'flag') {
          spec.apply(options, '');
          continue;
        }
        const attached = arg.slice(j + 1);
        const value = attached !== '' ? attached : argv[++i];
        if (value === undefined) throw new CurlUsageError(`option -${arg[j]}: requires parameter`);
        spec.apply(options, value);
        break;
      }
      continue;
    }
    options.urls.push(arg);
  }
  return options;
}
