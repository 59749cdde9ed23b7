/**
 * The workshop API (everything under /api/) as one request handler on plain node:http: a routing table, the
 * credentials each route needs, rate limits, and the answer's headers. Who may do what is in the protocol's
 * header; the routes themselves are in instructor-routes.ts and learner-routes.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headersFor } from '../../../scripts/site/headers.mjs';
import { createEventStreams } from './event-streams';
import { HttpError, rateLimited } from './http-error';
import { sendError } from './http-io';
import { instructorRoutes } from './instructor-routes';
import { learnerRoutes } from './learner-routes';
import { createRateLimiter } from './rate-limit';
import type { LabSteps } from './results-csv';
import type { ApiParts } from './route';
import type { WorkshopStore } from './store';

export interface RateLimits {
  /** Every API request of one address: generous, as a room behind one NAT shares it. */
  readonly perAddress: { readonly burst: number; readonly perSecond: number };
  /** Every request of one seat (a browser's queue flushes in one request, so a few a second is plenty). */
  readonly perSeat: { readonly burst: number; readonly perSecond: number };
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: { burst: 600, perSecond: 100 },
  perSeat: { burst: 30, perSecond: 5 },
};

export interface WorkshopApiOptions {
  readonly store: WorkshopStore;
  /** The instructor key (the store's: `store.instructorKey(newSecret)`). */
  readonly instructorKey: string;
  /** Every lab a workshop may hold, with its steps (for the CSV's rows). */
  readonly labSteps: LabSteps;
  /** The server's clock (ms since the epoch): view times, countdowns, rate limits. */
  readonly clock?: () => number;
  /** `false` turns them off (the load benchmark, whose 500 learners share one loopback address). */
  readonly rateLimits?: RateLimits | false;
  /**
   * The learners' join addresses, known once the server listens: the instructor opens the board on localhost,
   * so the board's join link and QR code need an address a learner's laptop can reach.
   */
  readonly joinUrls?: () => readonly string[];
}

export interface WorkshopApi {
  /** Answers a request whose path starts with /api/. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Ends the live streams. */
  close(): void;
}

export function createWorkshopApi(options: WorkshopApiOptions): WorkshopApi {
  const clock = options.clock ?? Date.now;
  const limits = options.rateLimits === undefined ? DEFAULT_RATE_LIMITS : options.rateLimits;
  const takeAddressToken = limits ? createRateLimiter({ ...limits.perAddress, now: clock }) : () => true;
  const takeSeatToken = limits ? createRateLimiter({ ...limits.perSeat, now: clock }) : () => true;
  const streams = createEventStreams(options.store);
  const parts: ApiParts = { ...options, clock, streams, takeSeatToken, joinUrls: options.joinUrls ?? (() => []) };
  const routes = [...instructorRoutes, ...learnerRoutes].map((route) => ({ ...route, pattern: patternOf(route.path) }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(headersFor(url.pathname))) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    try {
      if (!takeAddressToken(req.socket.remoteAddress ?? 'unknown')) throw rateLimited();
      const matching = routes.filter((route) => route.pattern.test(url.pathname));
      if (matching.length === 0) throw new HttpError(404, 'not-found', `no API at ${url.pathname}`);
      const route = matching.find((candidate) => candidate.method === req.method);
      if (route === undefined)
        throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed here`, {
          allow: matching.map((candidate) => candidate.method).join(', '),
        });
      const params = route.pattern.exec(url.pathname)?.groups ?? {};
      await route.handle({ req, res, params, query: url.searchParams, api: parts });
    } catch (error) {
      answerFailure(req, res, error);
    }
  }

  return { handle, close: () => streams.closeAll() };
}

/** `/api/workshops/:id/board` → a regex with a named group per parameter. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/\./g, '\\.')))
    .join('/');
  return new RegExp(`^${source}$`);
}

function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  // The client hung up (a closed laptop, a reload mid-request): nobody is left to answer, and it is not a failure.
  if (res.headersSent || res.destroyed || req.socket.destroyed) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendError(res, error);
    return;
  }
  // Only a bug or a failing store lands here; bad input is always an HttpError above.
  console.error('workshop: request failed:', error);
  sendError(res, new HttpError(500, 'internal', 'the server failed; try again'));
}
