import type { ConfigUpdate, ResourceKind } from '../resources';
import { validateCluster } from './cluster';
import { type HttpFilterConfigChecks, STRUCTURE_ONLY } from './http-filter-checks';
import { validateClusterLoadAssignment } from './endpoint';
import { validateListener } from './listener';
import { validateRouteConfiguration } from './route';
import { validateSecret } from './secret';

const VALIDATORS: Record<
  ResourceKind,
  { kind: string; nameField: string; validate: (v: unknown, filters: HttpFilterConfigChecks) => string[] }
> = {
  listeners: { kind: 'Listener', nameField: 'name', validate: validateListener },
  routes: { kind: 'RouteConfiguration', nameField: 'name', validate: validateRouteConfiguration },
  clusters: { kind: 'Cluster', nameField: 'name', validate: validateCluster },
  endpoints: { kind: 'ClusterLoadAssignment', nameField: 'cluster_name', validate: validateClusterLoadAssignment },
  secrets: { kind: 'Secret', nameField: 'name', validate: validateSecret },
};

/**
 * Every problem in an update, each naming resource and field; empty when the update is valid. A proxy
 * rejects the whole update (NACK) if this is not empty; it passes its HTTP filters' checks as `filters`.
 */
export function validateConfigUpdate(update: ConfigUpdate, filters: HttpFilterConfigChecks = STRUCTURE_ONLY): string[] {
  const messages: string[] = [];
  for (const key of Object.keys(VALIDATORS) as ResourceKind[]) {
    const list: unknown = update[key];
    if (list === undefined) continue;
    const { kind, nameField, validate } = VALIDATORS[key];
    if (!Array.isArray(list)) {
      messages.push(`${key}: must be a list of ${kind} resources`);
      continue;
    }
    const seen = new Set<string>();
    for (const resource of list) {
      messages.push(...validate(resource, filters));
      const name = (resource as Record<string, unknown> | null)?.[nameField];
      if (typeof name === 'string' && name !== '') {
        if (seen.has(name)) messages.push(`${kind} "${name}": ${nameField}: duplicate name in this update`);
        seen.add(name);
      }
    }
  }
  return messages;
}
