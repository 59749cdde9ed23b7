import type { HttpRequest, HttpResponse, Listening } from '../../net';
import { jsonResponse, serveHttp, textResponse } from '../http-server';
import { splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';

export const RATINGS_PORT = 9080;

/** Stars each reviewer gave, unless someone POSTed new ones (ratings v1 keeps them in memory). */
const DEFAULT_RATINGS = { Reviewer1: 5, Reviewer2: 4 };

/** ratings (Node.js): `GET|POST /ratings/<id>` and `GET /health`. */
export function ratingsHandler(context: WorkloadContext) {
  const userAdded = new Map<number, unknown>();
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const { pathname } = splitPath(request.path);
    context.log(`${request.method} ${request.path}`);
    if (pathname === '/health' && request.method === 'GET') return jsonResponse(200, { status: 'Ratings is healthy' });
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
