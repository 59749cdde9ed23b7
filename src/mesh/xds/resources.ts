import type { Cluster } from './cluster';
import type { ClusterLoadAssignment } from './endpoint';
import type { Listener } from './listener';
import type { RouteConfiguration } from './route';
import type { Secret } from './secret';

/**
 * One configuration update for a proxy, as the control plane pushes it. Each list present replaces that
 * whole resource type (xDS state of the world: a listener absent from `listeners` is removed); a list
 * that is absent leaves that type as it was.
 */
export interface ConfigUpdate {
  listeners?: Listener[];
  routes?: RouteConfiguration[];
  clusters?: Cluster[];
  endpoints?: ClusterLoadAssignment[];
  secrets?: Secret[];
  /** Version the control plane gives this push; shown as version_info in /config_dump. */
  version_info?: string;
}

export type ResourceKind = 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'secrets';

export const RESOURCE_KINDS: readonly ResourceKind[] = ['listeners', 'routes', 'clusters', 'endpoints', 'secrets'];
