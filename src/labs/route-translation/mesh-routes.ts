/**
 * Step 5 of lab 1.5: the learner's rules for reviews, translated by the learner's code, become the routes of
 * productpage's sidecar, and Bookinfo pages opened through the ingress gateway show where they send requests.
 *
 * The routes go in as a hand edit of that one sidecar (SimCluster.replaceProxyRoutes), not through istiod: what
 * the check measures is then the learner's translation alone, with no VirtualService that istiod would translate
 * its own way, and the proxy still validates the routes as Envoy does. istiod is not told, so its next route push
 * to productpage (a VirtualService or DestinationRule applied in the terminal) puts its own routes back.
 */
import { tallyPages, type Tally } from '../grader/bookinfo-pages';
import { Mismatch } from '../grader/mismatch';
import { both } from '../grader/text';
import type { EnvoyRoute, RouteServicePorts, SimCluster } from '../mesh';
import type { Bilingual, CheckContext, LiveHook } from '../schema';
import { labShape, protoNames } from './compare-routes';
import { learnerReviewsRules, learnerTranslate } from './learner-routes';

export const REVIEWS_HOST = 'reviews.default.svc.cluster.local';
const BOOKINFO: readonly RouteServicePorts[] = ['productpage', 'details', 'reviews', 'ratings'].map((name) => ({
  name,
  namespace: 'default',
  ports: [9080],
}));

interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
}

function productpagePods(cluster: SimCluster): string[] {
  const type = cluster.kube.resolveResource('pods');
  const pods = (type === undefined ? [] : cluster.kube.list(type, 'default')) as unknown as PodLike[];
  return pods.filter((p) => p.metadata.labels?.['app'] === 'productpage').map((p) => p.metadata.name);
}

/** The learner's rules for reviews through the learner's translateRoutes, cut to the lab's shape. */
export function learnerReviewsEnvoyRoutes(load: () => Record<string, unknown>): EnvoyRoute[] {
  const translate = learnerTranslate(load);
  const routes = translate({
    namespace: 'default',
    listenPort: 9080,
    services: BOOKINFO,
    http: learnerReviewsRules(load),
  });
  if (!Array.isArray(routes) || routes.length === 0)
    throw new Mismatch(
      both('translateRoutes가 reviewsRoutes를 라우트로 번역함', 'translateRoutes turns reviewsRoutes into routes'),
      both('라우트가 하나도 나오지 않음', 'no route came out'),
    );
  // Only what the lab's shape has reaches Envoy: the learner's code decides match, destination, timeout, retries.
  return protoNames(labShape(routes, { timeouts: true })) as EnvoyRoute[];
}

/** Puts the routes into every productpage sidecar; why not, when a proxy refused them or none was found. */
export function installReviewsRoutes(cluster: SimCluster, routes: readonly EnvoyRoute[]): Bilingual | undefined {
  const pods = productpagePods(cluster);
  if (pods.length === 0) return both('productpage 파드가 없음', 'there is no productpage pod');
  for (const pod of pods) {
    const result = cluster.replaceProxyRoutes('default', pod, REVIEWS_HOST, routes);
    if (result === undefined) return both(`${pod}에 사이드카가 없음`, `${pod} has no sidecar`);
    if ('error' in result)
      return both(
        `${pod}의 사이드카가 라우트를 거부함: ${result.error}`,
        `${pod}'s sidecar refused the routes: ${result.error}`,
      );
  }
  return undefined;
}

/** The lab's `live` hook: after a check run, productpage's sidecar in the terminal's cluster uses the learner's routes. */
export const liveReviewsRoutes: LiveHook = ({ load, cluster }) => {
  try {
    return installReviewsRoutes(cluster, learnerReviewsEnvoyRoutes(load));
  } catch (error) {
    if (error instanceof Mismatch) return error.seen;
    throw error;
  }
};

/** Installs the learner's routes in the check's cluster, then counts the reviews versions of `count` pages. */
export async function pagesWithLearnerRoutes(ctx: CheckContext, count: number, user?: string): Promise<Tally> {
  const routes = learnerReviewsEnvoyRoutes(() => ctx.load());
  const refused = installReviewsRoutes(await ctx.cluster(), routes);
  if (refused !== undefined)
    throw new Mismatch(
      both('productpage의 사이드카가 라우트를 받아들임', 'productpage’s sidecar takes the routes'),
      refused,
    );
  return tallyPages(ctx, count, user);
}
