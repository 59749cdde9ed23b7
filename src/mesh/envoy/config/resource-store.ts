import type { ConfigUpdate, ResourceKind } from '../../xds/index';
import { RESOURCE_KINDS } from '../../xds/index';

/** A resource as the proxy holds it: the object, its JSON (for change detection) and when it arrived. */
export interface StoredResource<T> {
  readonly resource: T;
  readonly json: string;
  readonly versionInfo: string;
  /** Mesh-clock ms. */
  readonly lastUpdated: number;
}

export type ResourceMaps = {
  [K in ResourceKind]: ReadonlyMap<string, StoredResource<NonNullable<ConfigUpdate[K]>[number]>>;
};

export interface KindVersion {
  readonly versionInfo: string;
  readonly lastUpdated: number;
}

/** A rejected update, shown as error_state in /config_dump. */
export interface Rejection {
  readonly message: string;
  readonly versionInfo: string;
  readonly time: number;
  readonly update: ConfigUpdate;
}

function nameOf(kind: ResourceKind, r: unknown): string {
  const o = r as Record<string, unknown>;
  return String(kind === 'endpoints' ? o['cluster_name'] : o['name']);
}

/** Merges an update into the current maps (state of the world per kind present); unchanged resources keep their entry. */
export function mergeUpdate(current: ResourceMaps, update: ConfigUpdate, now: number): ResourceMaps {
  const version = update.version_info ?? '';
  const next = { ...current } as Record<ResourceKind, ReadonlyMap<string, StoredResource<unknown>>>;
  for (const kind of RESOURCE_KINDS) {
    const list = update[kind] as unknown[] | undefined;
    if (list === undefined) continue;
    const old = current[kind] as ReadonlyMap<string, StoredResource<unknown>>;
    const map = new Map<string, StoredResource<unknown>>();
    for (const r of list) {
      const name = nameOf(kind, r);
      const json = JSON.stringify(r);
      const prev = old.get(name);
      map.set(
        name,
        prev !== undefined && prev.json === json ? prev : { resource: r, json, versionInfo: version, lastUpdated: now },
      );
    }
    next[kind] = map;
  }
  return next as ResourceMaps;
}

/** The resources held as one state-of-the-world update (to validate them again). */
export function resourcesAsUpdate(res: ResourceMaps): ConfigUpdate {
  const update: Record<string, unknown[]> = {};
  for (const kind of RESOURCE_KINDS) update[kind] = [...res[kind].values()].map((s) => s.resource);
  return update as ConfigUpdate;
}

export function emptyResources(): ResourceMaps {
  return { listeners: new Map(), routes: new Map(), clusters: new Map(), endpoints: new Map(), secrets: new Map() };
}
