import type { Headers, HttpRequest, NetHost } from '../../net';
import { HttpClientError, parseUrl, type ParsedUrl } from '../http-client';
import { utf8Length } from '../http-text';
import type { FortioFlags } from './args';
import { LogLevel, type FortioLogger } from './logger';

export const FORTIO_VERSION = '1.69.5';
/** GOMAXPROCS fortio reports (`2->2 procs`, `[gomax 2]`): a two-core pod. */
export const GOMAXPROCS = 2;

/** Where fortio sends its calls: the URL, the address it resolved once, and the request it repeats. */
export interface FortioTarget {
  url: ParsedUrl;
  address: string;
  request: HttpRequest;
}

/** Parses and resolves the URL and builds the request, logging as fortio does; a string is the fatal error. */
export function prepareTarget(
  raw: string,
  flags: FortioFlags,
  host: NetHost,
  log: FortioLogger,
): FortioTarget | string {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw)) {
    log.log(LogLevel.Warning, 'http_client.go', 170, `Assuming http:// on missing scheme for '${raw}'`);
  }
  let url: ParsedUrl;
  try {
    url = parseUrl(raw);
  } catch (error) {
    return error instanceof HttpClientError ? `invalid url ${JSON.stringify(raw)}: ${error.message}` : String(error);
  }
  if (url.scheme !== 'http') return `https is not simulated here: use http:// for ${raw}`;
  const address = host.resolve(url.hostname);
  if (address === undefined) {
    const message = `lookup ${url.hostname} on 10.96.0.10:53: no such host`;
    log.log(LogLevel.Error, 'network.go', 536, 'Unable to lookup', [
      ['host', url.hostname],
      ['err', message],
    ]);
    return `unable to resolve ${url.hostname}: ${message}`;
  }
  const headers: Headers = { 'user-agent': `fortio.org/fortio-${FORTIO_VERSION}` };
  let authority = url.authority;
  for (const [name, value] of flags.headers) {
    const key = name.toLowerCase();
    if (key === 'host') authority = value;
    else headers[key] = value;
  }
  if (flags.payload !== '') {
    headers['content-type'] ??= flags.contentType || 'application/octet-stream';
    headers['content-length'] = String(utf8Length(flags.payload));
  }
  if (!flags.keepAlive) headers['connection'] = 'close';
  const method = flags.method ?? (flags.payload === '' ? 'GET' : 'POST');
  return { url, address, request: { method, path: url.path, authority, headers, body: flags.payload } };
}
