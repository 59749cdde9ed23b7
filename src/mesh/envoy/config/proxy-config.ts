import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '../../xds/index';
import type { Random } from '../../sim';
import { UpstreamCluster, type ClusterDeps } from '../upstream/upstream-cluster';
import type { HcmContext, RequestConfig } from '../http/connection-manager';
import { ListenerImpl } from '../listener/listener';
import { RouteTable } from '../router/route-table';
import type { ResourceMaps } from './resource-store';

/**
 * Everything compiled from one accepted configuration. Immutable once built: a request keeps the
 * ProxyConfig it started with, so a new push never changes a request in flight.
 */
export interface ProxyConfig extends RequestConfig {
  readonly resources: ResourceMaps;
  readonly listeners: ReadonlyMap<string, ListenerImpl>;
  /** Listeners bound to a port. */
  readonly boundByPort: ReadonlyMap<number, ListenerImpl>;
  /** Every listener by `address:port`, for original-destination dispatch. */
  readonly byAddress: ReadonlyMap<string, ListenerImpl>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly clusters: ReadonlyMap<string, UpstreamCluster>;
}

export interface BuildDeps {
  readonly random: Random;
  readonly hcm: HcmContext;
  clusterDeps(name: string): ClusterDeps;
}

/** The result of building: the config plus what to do once it is committed. */
export interface BuiltConfig {
  readonly config: ProxyConfig;
  /** Clusters that are new in this config (drained if the update is abandoned). */
  readonly created: UpstreamCluster[];
  /** EDS updates for clusters kept from the previous config, applied on commit. */
  readonly endpointUpdates: Array<[UpstreamCluster, ClusterLoadAssignment]>;
}

function edsName(c: Cluster): string {
  return c.eds_cluster_config?.service_name ?? c.name;
}

const EMPTY_CLA = (name: string): ClusterLoadAssignment => ({ cluster_name: name, endpoints: [] });

/**
 * Compiles resources into a ProxyConfig, reusing the compiled form of every resource whose JSON did not
 * change (so token buckets, pools and outlier state survive unrelated pushes). Throws on a config that
 * validates but cannot be compiled (e.g. a regex JavaScript cannot run).
 */
export function buildProxyConfig(
  res: ResourceMaps,
  previous: ProxyConfig | undefined,
  deps: BuildDeps,
  rebuildAll: boolean,
): BuiltConfig {
  const prevRes = previous?.resources;
  const routeTables = new Map<string, RouteTable>();
  for (const [name, stored] of res.routes) {
    const old = previous?.routeTables.get(name);
    const same = !rebuildAll && old !== undefined && prevRes?.routes.get(name)?.json === stored.json;
    const table = same
      ? old
      : new RouteTable(stored.resource as RouteConfiguration, deps.random, deps.hcm.httpFilters());
    routeTables.set(name, table);
  }
  const listeners = new Map<string, ListenerImpl>();
  const boundByPort = new Map<number, ListenerImpl>();
  const byAddress = new Map<string, ListenerImpl>();
  for (const [name, stored] of res.listeners) {
    const old = previous?.listeners.get(name);
    const same = !rebuildAll && old !== undefined && prevRes?.listeners.get(name)?.json === stored.json;
    const l = same ? old : new ListenerImpl(stored.resource as Listener, deps.hcm);
    listeners.set(name, l);
    byAddress.set(`${l.address}:${l.port}`, l);
    if (l.bindToPort) boundByPort.set(l.port, l);
  }
  const clusters = new Map<string, UpstreamCluster>();
  const created: UpstreamCluster[] = [];
  const endpointUpdates: Array<[UpstreamCluster, ClusterLoadAssignment]> = [];
  try {
    for (const [name, stored] of res.clusters) {
      const cfg = stored.resource as Cluster;
      const old = previous?.clusters.get(name);
      const same = !rebuildAll && old !== undefined && prevRes?.clusters.get(name)?.json === stored.json;
      const cla =
        cfg.type === 'EDS'
          ? (res.endpoints.get(edsName(cfg))?.resource as ClusterLoadAssignment | undefined)
          : undefined;
      if (same) {
        clusters.set(name, old);
        const claChanged = prevRes?.endpoints.get(edsName(cfg))?.json !== res.endpoints.get(edsName(cfg))?.json;
        if (cfg.type === 'EDS' && claChanged) endpointUpdates.push([old, cla ?? EMPTY_CLA(name)]);
        continue;
      }
      const cluster = new UpstreamCluster(cfg, deps.clusterDeps(name));
      created.push(cluster);
      if (cla !== undefined) cluster.updateEndpoints(cla);
      clusters.set(name, cluster);
    }
  } catch (e) {
    for (const c of created) c.drain();
    throw e;
  }
  return {
    config: { resources: res, listeners, boundByPort, byAddress, routeTables, clusters },
    created,
    endpointUpdates,
  };
}
