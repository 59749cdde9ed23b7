import {
  checkArray,
  checkDuration,
  checkInt,
  FieldErrors,
  isObject,
  join,
  optionalBool,
  requireObject,
  requireString,
} from './check';
import { checkLoadAssignment } from './endpoint';
import { checkTransportSocket } from './tls';

const TYPES = new Set(['EDS', 'STATIC', 'ORIGINAL_DST', 'STRICT_DNS', 'LOGICAL_DNS']);
const LB_POLICIES = new Set(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'RING_HASH', 'MAGLEV', 'CLUSTER_PROVIDED']);
const U32 = 0xffffffff;

function checkOutlierDetection(e: FieldErrors, path: string, v: unknown): void {
  const o = requireObject(e, path, v);
  if (o === undefined) return;
  checkInt(e, join(path, 'consecutive_5xx'), o['consecutive_5xx'], 0, U32);
  checkInt(e, join(path, 'consecutive_gateway_failure'), o['consecutive_gateway_failure'], 0, U32);
  checkInt(e, join(path, 'consecutive_local_origin_failure'), o['consecutive_local_origin_failure'], 0, U32);
  checkDuration(e, join(path, 'interval'), o['interval'], { positive: true });
  checkDuration(e, join(path, 'base_ejection_time'), o['base_ejection_time'], { positive: true });
  checkDuration(e, join(path, 'max_ejection_time'), o['max_ejection_time'], { positive: true });
  for (const f of [
    'max_ejection_percent',
    'enforcing_consecutive_5xx',
    'enforcing_consecutive_gateway_failure',
    'enforcing_success_rate',
  ]) {
    checkInt(e, join(path, f), o[f], 0, 100);
  }
  optionalBool(e, join(path, 'split_external_local_origin_errors'), o['split_external_local_origin_errors']);
}

/** All problems with a Cluster; empty when it is valid. */
export function validateCluster(v: unknown): string[] {
  const name = isObject(v) && typeof v['name'] === 'string' ? v['name'] : '';
  const e = new FieldErrors('Cluster', name);
  if (!isObject(v)) {
    e.add('', 'must be an object');
    return e.messages;
  }
  requireString(e, 'name', v['name']);
  const type = v['type'];
  if (typeof type !== 'string' || !TYPES.has(type)) e.add('type', `must be one of ${[...TYPES].join(', ')}`);
  const lb = v['lb_policy'];
  if (lb !== undefined && (typeof lb !== 'string' || !LB_POLICIES.has(lb)))
    e.add('lb_policy', `must be one of ${[...LB_POLICIES].join(', ')}`);
  if (type === 'ORIGINAL_DST' && lb !== undefined && lb !== 'CLUSTER_PROVIDED')
    e.add('lb_policy', 'must be CLUSTER_PROVIDED for an ORIGINAL_DST cluster');
  if (type !== 'ORIGINAL_DST' && lb === 'CLUSTER_PROVIDED')
    e.add('lb_policy', 'CLUSTER_PROVIDED needs an ORIGINAL_DST cluster');
  if (type === 'STATIC' && v['load_assignment'] === undefined)
    e.add('load_assignment', 'is required for a STATIC cluster');
  if (v['load_assignment'] !== undefined) checkLoadAssignment(e, 'load_assignment', v['load_assignment']);
  checkDuration(e, 'connect_timeout', v['connect_timeout'], { positive: true });
  if (v['circuit_breakers'] !== undefined) {
    const cb = requireObject(e, 'circuit_breakers', v['circuit_breakers']);
    if (cb !== undefined) {
      checkArray(e, 'circuit_breakers.thresholds', cb['thresholds'], (t, p) => {
        const o = requireObject(e, p, t);
        if (o === undefined) return;
        for (const f of ['max_connections', 'max_pending_requests', 'max_requests', 'max_retries'])
          checkInt(e, join(p, f), o[f], 0, U32);
        const pr = o['priority'];
        if (pr !== undefined && pr !== 'DEFAULT' && pr !== 'HIGH')
          e.add(join(p, 'priority'), 'must be DEFAULT or HIGH');
      });
    }
  }
  if (v['outlier_detection'] !== undefined) checkOutlierDetection(e, 'outlier_detection', v['outlier_detection']);
  const http = v['common_http_protocol_options'];
  if (http !== undefined) {
    const o = requireObject(e, 'common_http_protocol_options', http);
    if (o !== undefined) {
      checkInt(e, 'common_http_protocol_options.max_requests_per_connection', o['max_requests_per_connection'], 0, U32);
      checkDuration(e, 'common_http_protocol_options.idle_timeout', o['idle_timeout']);
    }
  }
  const lbc = v['common_lb_config'];
  if (isObject(lbc) && isObject(lbc['healthy_panic_threshold'])) {
    const value = lbc['healthy_panic_threshold']['value'];
    if (typeof value !== 'number' || value < 0 || value > 100)
      e.add('common_lb_config.healthy_panic_threshold.value', 'must be a number in [0, 100]');
  }
  if (v['transport_socket'] !== undefined) checkTransportSocket(e, 'transport_socket', v['transport_socket']);
  checkArray(e, 'transport_socket_matches', v['transport_socket_matches'], (m, p) => {
    const o = requireObject(e, p, m);
    if (o === undefined) return;
    requireString(e, join(p, 'name'), o['name']);
    checkTransportSocket(e, join(p, 'transport_socket'), o['transport_socket']);
  });
  return e.messages;
}
