/**
 * The learner's web browser, as the network sees it: one navigation (an address typed, a link followed, a form
 * sent) from the laptop, with the redirects a browser follows and the cookies it keeps. Like curl it reaches
 * only public addresses (the ingress gateway's load balancer), so a page the learner opens here is the page a
 * real browser would show for that cluster. Rendering the HTML is the workbench's business.
 *
 * A visit is traffic, not a change to the cluster, so the journal does not record it: replaying a journal
 * rebuilds the same objects whether or not the learner browsed in between.
 */
import {
  HttpClient,
  HttpClientError,
  MESH_EPOCH_MS,
  parseUrl,
  SYSTEM_CA_BUNDLE,
  type Clock,
  type NetHost,
  type ParsedUrl,
} from '../../index';
import { CookieJar } from '../curl/cookies';

/** What the page asks for: the address, how (a link or typed address is a GET, a form may POST) and the jar. */
export interface Navigation {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** A POSTed form, `application/x-www-form-urlencoded`. */
  readonly form?: string;
  /** The page the link or form was on. */
  readonly referer?: string;
  /** The browser's cookies, in the Netscape cookie-file format (curl's `-c`), empty for none. */
  readonly cookies: string;
  /** `ko` or `en`: the Accept-Language the browser sends. */
  readonly language: 'ko' | 'en';
}

/** Chromium's names for why a page could not be loaded (net_error_list.h), which the error page shows. */
export type BrowserErrorCode =
  | 'ERR_INVALID_URL'
  | 'ERR_UNKNOWN_URL_SCHEME'
  | 'ERR_NAME_NOT_RESOLVED'
  | 'ERR_CONNECTION_REFUSED'
  | 'ERR_CONNECTION_TIMED_OUT'
  | 'ERR_ADDRESS_UNREACHABLE'
  | 'ERR_CONNECTION_RESET'
  | 'ERR_TOO_MANY_REDIRECTS'
  | 'ERR_TIMED_OUT'
  | 'ERR_SSL_PROTOCOL_ERROR';

/** One response that sent the browser on (a 3xx with a Location). */
export interface Hop {
  readonly status: number;
  readonly url: string;
}

interface VisitBase {
  /** The address the browser ended at (after redirects): what the address bar shows. */
  readonly url: string;
  readonly redirects: readonly Hop[];
  /** Cluster (virtual) milliseconds from the first request to the last answer. */
  readonly elapsedMs: number;
  /** The jar after the visit: what the responses set. */
  readonly cookies: string;
}

export type Visit =
  | (VisitBase & {
      readonly ok: true;
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /** The body went past MAX_PAGE_CHARS and was cut there. */
      readonly truncated: boolean;
      readonly remoteAddress: string;
    })
  | (VisitBase & { readonly ok: false; readonly error: BrowserErrorCode; readonly host: string });

/** Chromium follows at most 20 redirects (net::URLRequest's kMaxRedirects). */
export const MAX_REDIRECTS = 20;

/** What a page may weigh here; every page in the labs is a few kilobytes. */
export const MAX_PAGE_CHARS = 1_000_000;

/** A browser waits minutes for a slow server; five cluster minutes cover every delay the labs inject. */
const RESPONSE_TIMEOUT_MS = 300_000;

const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ACCEPT_LANGUAGE = { ko: 'ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', en: 'en-US,en;q=0.9' } as const;

export interface BrowserHost {
  readonly host: NetHost;
  readonly clock: Clock;
}

export async function visit(navigation: Navigation, where: BrowserHost): Promise<Visit> {
  const started = where.clock.now();
  const jar = new CookieJar();
  jar.load(navigation.cookies);
  const redirects: Hop[] = [];
  let method = navigation.method;
  let form = navigation.method === 'POST' ? (navigation.form ?? '') : undefined;
  const referer = navigation.referer;
  let current = navigation.url;
  const client = new HttpClient({ host: where.host, clock: where.clock, keepAlive: false });
  const failed = (error: BrowserErrorCode, host: string): Visit => ({
    ok: false,
    error,
    host,
    url: current,
    redirects,
    elapsedMs: where.clock.now() - started,
    cookies: jar.serialize(),
  });
  for (;;) {
    let target: ParsedUrl;
    try {
      target = parseUrl(current);
    } catch (error) {
      if (!(error instanceof HttpClientError)) throw error;
      return failed(error.kind === 'protocol' ? 'ERR_UNKNOWN_URL_SCHEME' : 'ERR_INVALID_URL', '');
    }
    current = target.href;
    const headers: Record<string, string> = {
      host: target.authority,
      'user-agent': USER_AGENT,
      accept: ACCEPT,
      'accept-language': ACCEPT_LANGUAGE[navigation.language],
      ...(referer !== undefined && { referer }),
    };
    const cookie = jar.headerFor(target.hostname, target.path);
    if (cookie !== undefined) headers['cookie'] = cookie;
    if (form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['origin'] = originOf(referer ?? current);
    }
    let response;
    try {
      response = await client.request(target, {
        method,
        headers,
        ...(form !== undefined && { body: form }),
        timeoutMs: RESPONSE_TIMEOUT_MS,
        tls: {
          trusted: SYSTEM_CA_BUNDLE,
          insecure: false,
          alpn: ['h2', 'http/1.1'],
          library: 'BoringSSL',
          nowMs: MESH_EPOCH_MS + where.clock.now(),
        },
      });
    } catch (error) {
      if (!(error instanceof HttpClientError)) throw error;
      return failed(errorCodeOf(error), target.hostname);
    }
    for (const line of (response.headers['set-cookie'] ?? '').split('\n'))
      if (line !== '') jar.receive(line, target.hostname, target.path);
    const location = response.headers['location'];
    if (response.status >= 300 && response.status < 400 && location !== undefined) {
      if (redirects.length === MAX_REDIRECTS) return failed('ERR_TOO_MANY_REDIRECTS', target.hostname);
      redirects.push({ status: response.status, url: current });
      // As browsers do: a 303, and a 301/302 after a POST, continue as a GET without the form.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        form = undefined;
      }
      // The Referer stays the page the navigation started from, as in Chromium.
      current = new URL(location, current).href;
      continue;
    }
    const truncated = response.body.length > MAX_PAGE_CHARS;
    return {
      ok: true,
      url: current,
      status: response.status,
      headers: response.headers,
      body: truncated ? response.body.slice(0, MAX_PAGE_CHARS) : response.body,
      truncated,
      remoteAddress: response.remoteAddress,
      redirects,
      elapsedMs: where.clock.now() - started,
      cookies: jar.serialize(),
    };
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

function errorCodeOf(error: HttpClientError): BrowserErrorCode {
  switch (error.kind) {
    case 'url':
      return 'ERR_INVALID_URL';
    case 'protocol':
      return 'ERR_UNKNOWN_URL_SCHEME';
    case 'dns':
      return 'ERR_NAME_NOT_RESOLVED';
    case 'connect':
      return 'ERR_CONNECTION_REFUSED';
    case 'unreachable':
      return 'ERR_ADDRESS_UNREACHABLE';
    case 'timeout':
      return /connect/i.test(error.message) ? 'ERR_CONNECTION_TIMED_OUT' : 'ERR_TIMED_OUT';
    case 'reset':
    case 'aborted':
      return 'ERR_CONNECTION_RESET';
    // Chromium's page for a refused certificate has its own codes; the workbench shows one TLS failure.
    case 'tls-connect':
    case 'tls-verify':
    case 'tls-read':
      return 'ERR_SSL_PROTOCOL_ERROR';
  }
}
