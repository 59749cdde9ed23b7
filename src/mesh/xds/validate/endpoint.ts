import { checkAddress, checkArray, checkInt, FieldErrors, isObject, join, requireObject, requireString } from './check';

const HEALTH = new Set(['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'DRAINING', 'TIMEOUT', 'DEGRADED']);

/** Checks a ClusterLoadAssignment at `base` (also used for a STATIC cluster's load_assignment). */
export function checkLoadAssignment(e: FieldErrors, base: string, v: unknown): void {
  const a = requireObject(e, base, v);
  if (a === undefined) return;
  requireString(e, join(base, 'cluster_name'), a['cluster_name']);
  checkArray(e, join(base, 'endpoints'), a['endpoints'], (l, lp) => {
    const o = requireObject(e, lp, l);
    if (o === undefined) return;
    checkInt(e, join(lp, 'load_balancing_weight'), o['load_balancing_weight'], 1, 0xffffffff);
    checkInt(e, join(lp, 'priority'), o['priority'], 0, 128);
    checkArray(
      e,
      join(lp, 'lb_endpoints'),
      o['lb_endpoints'],
      (ep, p) => {
        const x = requireObject(e, p, ep);
        if (x === undefined) return;
        const endpoint = requireObject(e, join(p, 'endpoint'), x['endpoint']);
        if (endpoint !== undefined) checkAddress(e, join(p, 'endpoint.address'), endpoint['address']);
        checkInt(e, join(p, 'load_balancing_weight'), x['load_balancing_weight'], 1, 0xffffffff);
        const h = x['health_status'];
        if (h !== undefined && (typeof h !== 'string' || !HEALTH.has(h)))
          e.add(join(p, 'health_status'), `must be one of ${[...HEALTH].join(', ')}`);
      },
      { required: true },
    );
  });
}

/** All problems with a ClusterLoadAssignment; empty when it is valid. */
export function validateClusterLoadAssignment(v: unknown): string[] {
  const name = isObject(v) && typeof v['cluster_name'] === 'string' ? v['cluster_name'] : '';
  const e = new FieldErrors('ClusterLoadAssignment', name);
  checkLoadAssignment(e, '', v);
  return e.messages;
}
