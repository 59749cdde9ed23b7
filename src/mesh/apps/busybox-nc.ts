import { NetError, type HttpRequest, type NetHost } from '../net';
import { ExecOutput } from './exec-output';
import { responseHead } from './http-text';
import type { ExecResult } from './types';

/**
 * busybox `nc` in the Alpine images: `nc -z [-v] HOST PORT` opens a TCP connection and closes it (exit 0 when it
 * opened), and `nc HOST PORT` sends stdin and prints what comes back. Our network carries HTTP messages, not
 * bytes, so stdin must be one HTTP/1.x request (`printf 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' | nc x 80`).
 */
export async function runNc(
  argv: readonly string[],
  stdin: string,
  where: { host: NetHost; signal?: AbortSignal },
): Promise<ExecResult> {
  const out = new ExecOutput();
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of argv) {
    if (/^-[a-zA-Z]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
    else operands.push(arg);
  }
  const [name, portText] = operands;
  if (name === undefined || portText === undefined || [...flags].some((f) => !'zvnw'.includes(f))) {
    out.errorLine('Usage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen');
    return out.result(1);
  }
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
  const request = parseRequest(stdin);
  if (request === undefined) {
    // A server that does not understand the bytes closes the connection: nc prints nothing and ends.
    connection.close();
    return out.result(0);
  }
  try {
    const response = await connection.request(request, where.signal);
    out.write(responseHead(response) + response.body);
  } catch (error) {
    if (!(error instanceof NetError)) throw error;
  } finally {
    connection.close();
  }
  return out.result(0);
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
