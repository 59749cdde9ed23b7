import { byteStream, NetError, type HttpRequest, type NetHost } from '../net';
import type { Clock } from '../sim';
import { ExecOutput } from './exec-output';
import { responseHead } from './http-text';
import type { ExecResult } from './types';

/**
 * busybox `nc` in the Alpine images (its netcat-1.10 compatible build): `nc -z [-v] HOST PORT` opens a TCP
 * connection and closes it (exit 0 when it opened); `nc HOST PORT` writes stdin to the connection, then prints
 * what the server sends until it closes the connection (`-w SEC` gives up on a server that stays silent that
 * long; `-q SEC` is accepted for scripts that pass it). Stdin that is one HTTP/1.x request goes as that request,
 * so `printf 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' | nc x 80` prints the server's response; anything else goes
 * as plain bytes (tcp-echo answers them line by line, a denied connection closes without a word).
 */
export async function runNc(
  argv: readonly string[],
  stdin: string,
  where: { host: NetHost; clock: Clock; signal?: AbortSignal },
): Promise<ExecResult> {
  const out = new ExecOutput();
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    out.errorLine(parsed);
    return out.result(1);
  }
  const { flags, name, portText, waitSeconds } = parsed;
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    out.errorLine(`nc: bad port '${portText}'`);
    return out.result(1);
  }
  const address = /^\d+\.\d+\.\d+\.\d+$/.test(name) ? name : where.host.resolve(name);
  if (address === undefined) {
    out.errorLine(`nc: bad address '${name}'`);
    return out.result(1);
  }
  const peer = `${name} (${address}:${port})`;
  let connection;
  try {
    connection = await where.host.connect(address, port);
  } catch (error) {
    if (!(error instanceof NetError)) throw error;
    out.errorLine(`nc: ${peer}: ${reason(error)}`);
    return out.result(1);
  }
  if (flags.has('v')) out.errorLine(`${peer} open`);
  if (flags.has('z') || stdin === '') {
    connection.close();
    return out.result(0);
  }
  const request = parseRequest(stdin) ?? byteStream(stdin);
  const waiting = new AbortController();
  const abort = (): void => waiting.abort(new NetError('ETIMEDOUT', 'nc -w'));
  where.signal?.addEventListener('abort', abort, { once: true });
  if (waitSeconds !== undefined) void where.clock.sleep(waitSeconds * 1000, waiting.signal).then(abort, () => {});
  try {
    const response = await connection.request(request, waiting.signal);
    // A plain-bytes reply is printed as it came; an HTTP response as its head and body.
    out.write(response.status === 0 ? response.body : responseHead(response) + response.body);
  } catch (error) {
    // A reset, a silent server past -w, or Ctrl-C: nc ends with what it printed.
    if (!(error instanceof NetError) && !waiting.signal.aborted) throw error;
  } finally {
    where.signal?.removeEventListener('abort', abort);
    if (!waiting.signal.aborted) waiting.abort();
    connection.close();
  }
  return out.result(0);
}

/** `nc -l …` (also grouped, `-lp 8080`): the terminal answers it (a listener cannot be reached while it waits). */
export const ncListens = (argv: readonly string[]): boolean => argv.some((arg) => /^-[a-zA-Z]*l/.test(arg));

const USAGE = 'Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen';

interface NcArgs {
  flags: Set<string>;
  name: string;
  portText: string;
  waitSeconds: number | undefined;
}

/** Flags may be grouped (`-zv`); `-w` and `-q` take seconds, attached (`-w3`) or as the next word. */
function parseArgs(argv: readonly string[]): NcArgs | string {
  const flags = new Set<string>();
  const operands: string[] = [];
  let waitSeconds: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!/^-[a-zA-Z]/.test(arg)) {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (flag === 'w' || flag === 'q') {
        const value = arg.length > j + 1 ? arg.slice(j + 1) : argv[++i];
        const seconds = Number(value);
        if (value === undefined || !Number.isInteger(seconds) || seconds < 0)
          return `nc: invalid number '${value ?? ''}'`;
        if (flag === 'w') waitSeconds = seconds;
        break;
      }
      if (!'zvn'.includes(flag)) return USAGE;
      flags.add(flag);
    }
  }
  const [name, portText] = operands;
  if (name === undefined || portText === undefined) return USAGE;
  return { flags, name, portText, waitSeconds };
}

function reason(error: NetError): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ETIMEDOUT':
      return 'Connection timed out';
    case 'EHOSTUNREACH':
      return 'No route to host';
    default:
      return 'Connection reset by peer';
  }
}

/** One HTTP/1.x request as written to the socket: request line, headers, blank line, then the body. */
function parseRequest(text: string): HttpRequest | undefined {
  const normalized = text.replaceAll('\r\n', '\n');
  const end = normalized.indexOf('\n\n');
  const head = (end < 0 ? normalized : normalized.slice(0, end)).split('\n');
  const start = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(head[0] ?? '');
  if (start === null) return undefined;
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const authority = headers['host'] ?? '';
  delete headers['host'];
  return { method: start[1]!, path: start[2]!, authority, headers, body: end < 0 ? '' : normalized.slice(end + 2) };
}
