import type { HashPolicy } from '../../xds';
import type { Destination, LoadBalancerSettings } from '../model/istio-api';
import type { MeshSnapshot } from '../model/snapshot';
import { destinationRuleFor, type DestinationRuleClient } from '../model/destination-rules';
import { toEnvoyDuration } from '../model/duration';
import { mergeTrafficPolicy } from './traffic-policy';

/** Istio's consistentHashToHashPolicy: what the ring hash load balancer hashes on, set on the route. */
export function consistentHashToHashPolicy(hash: LoadBalancerSettings['consistentHash']): HashPolicy | undefined {
  if (hash === undefined) return undefined;
  if (hash.httpHeaderName !== undefined) return { header: { header_name: hash.httpHeaderName } };
  if (hash.httpCookie !== undefined) {
    const ttl = toEnvoyDuration(hash.httpCookie.ttl);
    return {
      cookie: {
        name: hash.httpCookie.name,
        ...(ttl === undefined ? {} : { ttl }),
        ...(hash.httpCookie.path === undefined ? {} : { path: hash.httpCookie.path }),
      },
    };
  }
  if (hash.useSourceIp === true) return { connection_properties: { source_ip: true } };
  if (hash.httpQueryParameterName !== undefined) return { query_parameter: { name: hash.httpQueryParameterName } };
  return undefined;
}

/**
 * For a proxy: the hash policy routes to a destination need, from the DestinationRule that applies to its
 * host (subset and port-level settings override the top level, as for clusters).
 */
export function hashPolicyResolver(
  snapshot: MeshSnapshot,
  client: DestinationRuleClient,
): (destination: Destination, port: number) => HashPolicy | undefined {
  return (destination, port) => {
    const service = snapshot.serviceByHost.get(destination.host);
    const dr = destinationRuleFor(snapshot, client, destination.host, service?.namespace ?? client.namespace);
    if (dr === undefined) return undefined;
    const subset = dr.spec.subsets?.find((s) => s.name === destination.subset);
    const policy = mergeTrafficPolicy(dr.spec.trafficPolicy, subset?.trafficPolicy, destination.port?.number ?? port);
    return consistentHashToHashPolicy(policy?.loadBalancer?.consistentHash);
  };
}
