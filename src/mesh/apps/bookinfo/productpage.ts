import type { Headers, HttpRequest, HttpResponse, Listening, PeerInfo } from '../../net';
import { HttpClient } from '../http-client';
import {
  WERKZEUG_METHOD_NOT_ALLOWED,
  WERKZEUG_NOT_FOUND,
  htmlResponse,
  jsonResponse,
  respond,
  serveHttp,
} from '../http-server';
import { parseCookies, parseUrlEncoded, splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';
import { civilTime } from '../../sim';
import { wallClockOf } from '../wall-clock';
import { WorkerPool } from '../worker-pool';
import {
  DETAILS_UNAVAILABLE,
  PRODUCTS,
  RATINGS_UNAVAILABLE_FOR_BOOK,
  REVIEWS_UNAVAILABLE,
  renderIndexPage,
  renderProductPage,
  type DetailsView,
  type ReviewsView,
  type Section,
} from './productpage-html';
import { productpageConcurrency } from './productpage-workers';
import { PRODUCTPAGE_FORWARDED, b3Context, forwardHeaders } from './propagation';
import { SESSION_CLEAR_COOKIE, SESSION_COOKIE, decodeSession, encodeSession, sessionSetCookie } from './session';

export const PRODUCTPAGE_PORT = 9080;

/** requests.get(..., timeout=3.0) for every call productpage makes. */
const CALL_TIMEOUT_MS = 3000;

interface Upstreams {
  details: string;
  reviews: string;
  ratings: string;
}

function upstreams(env: Readonly<Record<string, string>>): Upstreams {
  const domain = env['SERVICES_DOMAIN'] === undefined ? '' : `.${env['SERVICES_DOMAIN']}`;
  const url = (name: string, fallback: string): string => `http://${env[name] ?? fallback}${domain}:9080/${fallback}`;
  return {
    details: url('DETAILS_HOSTNAME', 'details'),
    reviews: url('REVIEWS_HOSTNAME', 'reviews'),
    ratings: url('RATINGS_HOSTNAME', 'ratings'),
  };
}

/** A call's outcome the way productpage.py sees it: the status and JSON, or an error body. */
interface Fetched {
  status: number;
  body: unknown;
}

/** productpage (Python/Flask): the page, login/logout, and the `/api/v1/products` JSON API. */
export function productpageHandler(context: WorkloadContext) {
  const { random, env } = context;
  const now = context.wallClockMs ?? wallClockOf(context.clock);
  // Each requests.get opens and closes its own connection.
  const client = new HttpClient({ host: context.host, clock: context.clock, keepAlive: false });
  const urls = upstreams(env);
  const floodFactor = Number.parseInt(env['FLOOD_FACTOR'] ?? '0', 10) || 0;

  /** One GET with the 3 s timeout; a non-200 or an exception is reported as its status (500 when none). */
  async function fetchJson(url: string, headers: Headers): Promise<{ ok: boolean; status: number; body: unknown }> {
    try {
      const response = await client.get(url, { headers, timeoutMs: CALL_TIMEOUT_MS });
      if (response.status !== 200) return { ok: false, status: response.status, body: undefined };
      return { ok: true, status: 200, body: JSON.parse(response.body) as unknown };
    } catch {
      return { ok: false, status: 500, body: undefined };
    }
  }

  async function productDetails(productId: string, headers: Headers): Promise<Fetched> {
    const result = await fetchJson(`${urls.details}/${productId}`, headers);
    return result.ok ? result : { status: result.status, body: { error: DETAILS_UNAVAILABLE } };
  }

  async function productReviews(productId: string, headers: Headers): Promise<Fetched> {
    // Two tries, 3 s each: the bug (kept on purpose) that the fault-injection task uncovers as a ~6 s wait.
    let last = { ok: false, status: 500, body: undefined as unknown };
    for (let attempt = 0; attempt < 2; attempt++) {
      last = await fetchJson(`${urls.reviews}/${productId}`, headers);
      if (last.ok) return last;
    }
    return { status: last.status, body: { error: REVIEWS_UNAVAILABLE } };
  }

  async function productRatings(productId: string, headers: Headers): Promise<Fetched> {
    const result = await fetchJson(`${urls.ratings}/${productId}`, headers);
    return result.ok ? result : { status: result.status, body: { error: RATINGS_UNAVAILABLE_FOR_BOOK } };
  }

  function outgoingHeaders(request: HttpRequest, user: string | undefined): Headers {
    return {
      // What python-requests sends by itself; a forwarded user-agent replaces its own.
      'user-agent': 'python-requests/2.31.0',
      accept: '*/*',
      ...b3Context(request.headers, random),
      ...(user !== undefined && { 'end-user': user }),
      ...forwardHeaders(request.headers, PRODUCTPAGE_FORWARDED),
    };
  }

  async function frontPage(request: HttpRequest, user: string | undefined): Promise<HttpResponse> {
    const headers = outgoingHeaders(request, user);
    const details = await productDetails('0', headers);
    // FLOOD_FACTOR: extra reviews calls (answers ignored) to show rate limiting; Python runs them one by one.
    for (let i = 0; i < floodFactor; i++) await productReviews('0', headers);
    const reviews = await productReviews('0', headers);
    const html = renderProductPage({
      product: PRODUCTS[0]!,
      user: user ?? '',
      details: section<DetailsView>(details, DETAILS_UNAVAILABLE),
      reviews: section<ReviewsView>(reviews, REVIEWS_UNAVAILABLE),
    });
    return htmlResponse(200, html);
  }

  async function route(request: HttpRequest, user: string | undefined): Promise<HttpResponse> {
    const { pathname } = splitPath(request.path);
    const method = request.method.toUpperCase();
    const only = (allowed: string, answer: () => HttpResponse | Promise<HttpResponse>) =>
      method === allowed || (allowed === 'GET' && method === 'HEAD')
        ? answer()
        : htmlResponse(405, WERKZEUG_METHOD_NOT_ALLOWED, { allow: `${allowed}, HEAD, OPTIONS` });

    if (pathname === '/' || pathname === '/index.html') return only('GET', () => htmlResponse(200, renderIndexPage()));
    if (pathname === '/health') return only('GET', () => htmlResponse(200, 'Product page is healthy'));
    if (pathname === '/productpage') return only('GET', () => frontPage(request, user));
    if (pathname === '/login') return only('POST', () => login(request));
    if (pathname === '/logout') return only('GET', () => redirect(request, SESSION_CLEAR_COOKIE));
    if (pathname === '/api/v1/products') return only('GET', () => jsonResponse(200, PRODUCTS));
    const api = /^\/api\/v1\/products\/([^/]+)(\/reviews|\/ratings)?$/.exec(pathname);
    if (api !== null) {
      const [, productId = '', what] = api;
      const headers = outgoingHeaders(request, user);
      const call = what === '/reviews' ? productReviews : what === '/ratings' ? productRatings : productDetails;
      return only('GET', async () => {
        const { status, body } = await call(productId, headers);
        return jsonResponse(status, body);
      });
    }
    if (pathname.startsWith('/static/')) return only('GET', () => staticFile(pathname));
    return htmlResponse(404, WERKZEUG_NOT_FOUND);
  }

  function login(request: HttpRequest): HttpResponse {
    const form = new Map(parseUrlEncoded(request.body));
    const user = form.get('username') ?? '';
    return redirect(request, sessionSetCookie(encodeSession(user, now())));
  }

  return async (request: HttpRequest, peer: PeerInfo): Promise<HttpResponse> => {
    const user = decodeSession(parseCookies(request.headers['cookie']).get(SESSION_COOKIE));
    const response = await route(request, user);
    context.log(
      `${peer.remoteAddress} - - [${werkzeugTime(now())}] "${request.method} ${request.path} HTTP/1.1" ${response.status} -`,
    );
    return response;
  };
}

/** Flask's redirect(request.referrer); without a Referer we send the browser back to the page. */
function redirect(request: HttpRequest, setCookie: string): HttpResponse {
  const location = request.headers['referer'] ?? 'productpage';
  const body =
    '<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
    `<p>You should be redirected automatically to the target URL: <a href="${location}">${location}</a>. If not, click the link.\n`;
  return htmlResponse(302, body, { location, vary: 'Cookie', 'set-cookie': setCookie });
}

/** The page's assets: enough that a browser (or a gateway route test) gets a 200 for them. */
function staticFile(pathname: string): HttpResponse {
  if (pathname.endsWith('.css')) return respond(200, '/* bookinfo */\n', { 'content-type': 'text/css; charset=utf-8' });
  if (pathname.endsWith('.js'))
    return respond(200, '// bookinfo\n', { 'content-type': 'text/javascript; charset=utf-8' });
  if (pathname.endsWith('.png')) return respond(200, '', { 'content-type': 'image/png' });
  return htmlResponse(404, WERKZEUG_NOT_FOUND);
}

function section<T>(fetched: Fetched, fallback: string): Section<T> {
  if (fetched.status === 200) return { ok: true, value: fetched.body as T };
  const error = (fetched.body as { error?: unknown } | undefined)?.error;
  return { ok: false, error: typeof error === 'string' ? error : fallback };
}

/** Werkzeug's request log stamp: `01/Jan/2026 00:00:00`. */
function werkzeugTime(epochMs: number): string {
  const t = civilTime(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(t.day)}/${months[t.month - 1]}/${t.year} ${p(t.hour)}:${p(t.minute)}:${p(t.second)}`;
}

export function createProductpage(image: string, context: WorkloadContext): Workload {
  let listening: Listening | undefined;
  return {
    image,
    ports: [PRODUCTPAGE_PORT],
    start() {
      if (listening !== undefined) return;
      // gunicorn's workers bound how many pages are made at once (8 × 1000 with the image's CMD); a pod that
      // runs fewer, or sync, workers fills them while reviews is slow and the rest of the requests queue.
      const workers = productpageConcurrency(context);
      const handler = productpageHandler(context);
      const served = workers === undefined ? handler : new WorkerPool(workers).serve(handler);
      listening = serveHttp(context.host, PRODUCTPAGE_PORT, served);
      context.log(`INFO:root:start at port ${PRODUCTPAGE_PORT}`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}
