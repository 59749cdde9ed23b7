import type { HttpRequest, HttpResponse, Listening } from '../../net';
import { jsonResponse, serveHttp, textResponse } from '../http-server';
import { splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';

export const RATINGS_PORT = 9080;

/** Stars each reviewer gave, unless someone POSTed new ones (ratings v1 keeps them in memory). */
const DEFAULT_RATINGS = { Reviewer1: 5, Reviewer2: 4 };

/** Half of ratings v-delayed's answers wait this long (a `setTimeout` in ratings.js). */
export const RATINGS_DELAY_MS = 7000;

/**
 * The misbehaviours ratings.js picks by `SERVICE_VERSION`, for demos of resilience: `v-delayed` answers half
 * of the GETs 7 s late, `v-faulty` answers half with 503, `v-unavailable` answers 503 every other minute and
 * `v-unhealthy` every other quarter of an hour, when its /health fails too (the flips are `setInterval`s from
 * the process's start).
 */
function misbehaviour(context: WorkloadContext) {
  const version = context.env['SERVICE_VERSION'] ?? 'v1';
  const startedAt = context.clock.now();
  const flipEveryMs = version === 'v-unavailable' ? 60_000 : version === 'v-unhealthy' ? 900_000 : undefined;
  const flipped = (): boolean =>
    flipEveryMs !== undefined && Math.floor((context.clock.now() - startedAt) / flipEveryMs) % 2 === 1;
  return {
    healthy: (): boolean => version !== 'v-unhealthy' || !flipped(),
    /** What a GET of ratings gets: answered now, late, or refused. */
    async get(): Promise<'ok' | 'unavailable'> {
      if (version === 'v-faulty') return context.random.next() <= 0.5 ? 'unavailable' : 'ok';
      if (version === 'v-delayed' && context.random.next() <= 0.5) await context.clock.sleep(RATINGS_DELAY_MS);
      return flipped() ? 'unavailable' : 'ok';
    },
  };
}

/** ratings (Node.js): `GET|POST /ratings/<id>` and `GET /health`. */
export function ratingsHandler(context: WorkloadContext) {
  const userAdded = new Map<number, unknown>();
  const behaviour = misbehaviour(context);
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const { pathname } = splitPath(request.path);
    context.log(`${request.method} ${request.path}`);
    if (pathname === '/health' && request.method === 'GET')
      return behaviour.healthy()
        ? jsonResponse(200, { status: 'Ratings is healthy' })
        : jsonResponse(500, { status: 'Ratings is not healthy' });
    if (/^\/ratings\/[0-9]*/.test(pathname) && (request.method === 'GET' || request.method === 'POST')) {
      // Node's parseInt of the last segment: `/ratings/0` → 0, `/ratings/x` → NaN.
      const productId = Number.parseInt(pathname.split('/').pop() ?? '', 10);
      if (Number.isNaN(productId)) return jsonResponse(400, { error: 'please provide numeric product ID' });
      if (request.method === 'POST') {
        let ratings: unknown;
        try {
          ratings = JSON.parse(request.body);
        } catch {
          return jsonResponse(400, { error: 'please provide valid ratings JSON' });
        }
        userAdded.set(productId, { id: productId, ratings });
      } else if ((await behaviour.get()) === 'unavailable') {
        return jsonResponse(503, { error: 'Service unavailable' });
      }
      return jsonResponse(200, userAdded.get(productId) ?? { id: productId, ratings: DEFAULT_RATINGS });
    }
    // httpdispatcher answers unknown routes with a plain 404.
    return textResponse(404, 'Page Not Found');
  };
}

export function createRatings(image: string, context: WorkloadContext): Workload {
  let listening: Listening | undefined;
  return {
    image,
    ports: [RATINGS_PORT],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(context.host, RATINGS_PORT, ratingsHandler(context));
      context.log(`Server listening on: http://0.0.0.0:${RATINGS_PORT}`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}
