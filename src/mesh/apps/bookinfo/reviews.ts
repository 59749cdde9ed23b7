import type { Headers, HttpRequest, HttpResponse, Listening } from '../../net';
import { HttpClient } from '../http-client';
import { htmlResponse, jsonResponse, serveHttp } from '../http-server';
import { splitPath } from '../http-text';
import { parseImageRef } from '../image-ref';
import type { Workload, WorkloadContext } from '../types';
import { REVIEWS_FORWARDED, forwardHeaders } from './propagation';

export const REVIEWS_PORT = 9080;

/** What reviews v1/v2/v3 bake into their images as ENABLE_RATINGS and STAR_COLOR. */
export interface ReviewsSettings {
  ratingsEnabled: boolean;
  starColor: string;
  /** `http://ratings:9080/ratings` (RATINGS_HOSTNAME and SERVICES_DOMAIN may change the host). */
  ratingsService: string;
  podName: string;
  /** CLUSTER_NAME; Java prints a missing one as the string "null". */
  clusterName: string;
}

export function reviewsSettings(image: string, context: WorkloadContext): ReviewsSettings {
  const env = context.env;
  const version = reviewsVersionOf(image) ?? 'v1';
  const domain = env['SERVICES_DOMAIN'] === undefined ? '' : `.${env['SERVICES_DOMAIN']}`;
  return {
    ratingsEnabled: (env['ENABLE_RATINGS'] ?? String(version !== 'v1')).toLowerCase() === 'true',
    starColor: env['STAR_COLOR'] ?? (version === 'v3' ? 'red' : 'black'),
    ratingsService: `http://${env['RATINGS_HOSTNAME'] ?? 'ratings'}${domain}:9080/ratings`,
    podName: env['HOSTNAME'] ?? context.pod.name,
    clusterName: env['CLUSTER_NAME'] ?? 'null',
  };
}

export type ReviewRating = { stars: number; color: string } | { error: string };

export interface Review {
  reviewer: string;
  text: string;
  rating?: ReviewRating;
}

/** The JSON body of `GET /reviews/<id>`. */
export interface ReviewsBody {
  id: string;
  podname: string;
  clustername: string;
  reviews: Review[];
}

const REVIEWS = [
  { reviewer: 'Reviewer1', text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!' },
  {
    reviewer: 'Reviewer2',
    text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.',
  },
] as const;

export const RATINGS_UNAVAILABLE = 'Ratings service is currently unavailable';

/** reviews (Java/Liberty): `GET /reviews/<id>`, asking ratings first when this version shows stars. */
export function reviewsHandler(settings: ReviewsSettings, context: WorkloadContext) {
  // JAX-RS builds a new client per call: no kept-alive connections to ratings.
  const client = new HttpClient({ host: context.host, clock: context.clock, keepAlive: false });
  // Black stars (v2) wait 10 s for ratings, red stars (v3) only 2.5 s: the difference the fault-injection task shows.
  const ratingsTimeoutMs = settings.starColor === 'black' ? 10_000 : 2_500;

  async function fetchRatings(productId: number, incoming: Headers): Promise<Record<string, number> | undefined> {
    try {
      const response = await client.get(`${settings.ratingsService}/${productId}`, {
        headers: { accept: 'application/json', ...forwardHeaders(incoming, REVIEWS_FORWARDED) },
        timeoutMs: ratingsTimeoutMs,
      });
      if (response.status !== 200) {
        context.log(`Error: unable to contact ${settings.ratingsService} got status of ${response.status}`);
        return undefined;
      }
      const body = JSON.parse(response.body) as { ratings?: Record<string, number> };
      return body.ratings ?? {};
    } catch (error) {
      context.log(`Error: unable to contact ${settings.ratingsService} got exception ${String(error)}`);
      return undefined;
    }
  }

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const { pathname } = splitPath(request.path);
    if (pathname === '/health') return jsonResponse(200, { status: 'Reviews is healthy' });
    const match = /^\/reviews\/(-?\d+)$/.exec(pathname);
    if (match === null || request.method !== 'GET')
      return htmlResponse(404, 'Error 404: java.io.FileNotFoundException: SRVE0190E: File not found: ' + pathname);
    const productId = Number(match[1]);
    const ratings = settings.ratingsEnabled ? await fetchRatings(productId, request.headers) : undefined;
    const body: ReviewsBody = {
      id: String(productId),
      podname: settings.podName,
      clustername: settings.clusterName,
      reviews: REVIEWS.map(({ reviewer, text }) => {
        if (!settings.ratingsEnabled) return { reviewer, text };
        const stars = ratings?.[reviewer];
        const rating: ReviewRating =
          stars === undefined ? { error: RATINGS_UNAVAILABLE } : { stars, color: settings.starColor };
        return { reviewer, text, rating };
      }),
    };
    return jsonResponse(200, body);
  };
}

export function createReviews(image: string, context: WorkloadContext): Workload {
  const settings = reviewsSettings(image, context);
  let listening: Listening | undefined;
  return {
    image,
    ports: [REVIEWS_PORT],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(context.host, REVIEWS_PORT, reviewsHandler(settings, context));
      context.log('[AUDIT   ] CWWKF0011I: The defaultServer server is ready to run a smarter planet.');
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}

/** The reviews version an image bakes in (`examples-bookinfo-reviews-v2` → `v2`). */
export function reviewsVersionOf(image: string): 'v1' | 'v2' | 'v3' | undefined {
  const match = /-reviews-(v[123])$/.exec(parseImageRef(image).repository);
  return match?.[1] as 'v1' | 'v2' | 'v3' | undefined;
}
