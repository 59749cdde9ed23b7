import { FILTER_NAME } from '../type-urls';
import {
  checkAddress,
  checkArray,
  checkInt,
  FieldErrors,
  isObject,
  join,
  optionalBool,
  requireObject,
  requireString,
} from './check';
import { type HttpFilterConfigChecks, STRUCTURE_ONLY } from './http-filter-checks';
import { checkRouteConfiguration } from './route';
import { checkTransportSocket } from './tls';

function checkHttpConnectionManager(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): void {
  const h = requireObject(e, path, v);
  if (h === undefined) return;
  requireString(e, join(path, 'stat_prefix'), h['stat_prefix']);
  const hasInline = h['route_config'] !== undefined;
  const hasRds = h['rds'] !== undefined;
  if (hasInline === hasRds)
    e.add(path, hasInline ? 'sets route_config and rds; only one is allowed' : 'needs one of route_config, rds');
  if (hasInline) {
    checkRouteConfiguration(e, join(path, 'route_config'), h['route_config'], false, filters);
  }
  if (hasRds) {
    const rds = requireObject(e, join(path, 'rds'), h['rds']);
    if (rds !== undefined) requireString(e, join(path, 'rds.route_config_name'), rds['route_config_name']);
  }
  optionalBool(e, join(path, 'strip_any_host_port'), h['strip_any_host_port']);
  checkArray(
    e,
    join(path, 'http_filters'),
    h['http_filters'],
    (f, p, i) => {
      const o = requireObject(e, p, f);
      if (o === undefined) return;
      const name = requireString(e, join(p, 'name'), o['name']);
      const cfg = o['typed_config'];
      const arr = h['http_filters'] as unknown[];
      if (name === FILTER_NAME.router && i !== arr.length - 1) e.add(p, 'the router must be the last HTTP filter');
      if (i === arr.length - 1 && name !== undefined && name !== FILTER_NAME.router)
        e.add(p, `the last HTTP filter must be ${FILTER_NAME.router}`);
      const check = name === undefined ? undefined : filters.get(name)?.checkConfig;
      if (check !== undefined && cfg !== undefined) check(e, join(p, 'typed_config'), cfg);
    },
    { required: true, nonEmpty: true },
  );
}

function checkFilterChain(e: FieldErrors, path: string, v: unknown, filters: HttpFilterConfigChecks): string {
  const c = requireObject(e, path, v);
  if (c === undefined) return '';
  let key = '';
  let terminal = 0;
  if (c['filter_chain_match'] !== undefined) {
    const m = requireObject(e, join(path, 'filter_chain_match'), c['filter_chain_match']);
    if (m !== undefined) {
      checkInt(e, join(path, 'filter_chain_match.destination_port'), m['destination_port'], 1, 65535);
      checkArray(e, join(path, 'filter_chain_match.prefix_ranges'), m['prefix_ranges'], (r, p) => {
        const o = requireObject(e, p, r);
        if (o === undefined) return;
        requireString(e, join(p, 'address_prefix'), o['address_prefix']);
        checkInt(e, join(p, 'prefix_len'), o['prefix_len'], 0, 32);
      });
      key = JSON.stringify(m);
    }
  }
  checkArray(
    e,
    join(path, 'filters'),
    c['filters'],
    (f, p) => {
      const o = requireObject(e, p, f);
      if (o === undefined) return;
      const name = requireString(e, join(p, 'name'), o['name']);
      if (name === FILTER_NAME.httpConnectionManager) {
        terminal++;
        checkHttpConnectionManager(e, join(p, 'typed_config'), o['typed_config'], filters);
      } else if (name === FILTER_NAME.tcpProxy) {
        terminal++;
        const t = requireObject(e, join(p, 'typed_config'), o['typed_config']);
        if (t !== undefined) {
          requireString(e, join(p, 'typed_config.stat_prefix'), t['stat_prefix']);
          const weighted = isObject(t['weighted_clusters']) ? t['weighted_clusters'] : undefined;
          if (weighted === undefined) requireString(e, join(p, 'typed_config.cluster'), t['cluster']);
          else if (t['cluster'] !== undefined)
            e.add(join(p, 'typed_config'), 'needs exactly one of cluster, weighted_clusters');
          else
            checkArray(
              e,
              join(p, 'typed_config.weighted_clusters.clusters'),
              weighted['clusters'],
              (w, wp) => {
                const o = requireObject(e, wp, w);
                if (o === undefined) return;
                requireString(e, join(wp, 'name'), o['name']);
                checkInt(e, join(wp, 'weight'), o['weight'], 1, 2 ** 32 - 1);
              },
              { required: true, nonEmpty: true },
            );
        }
      }
    },
    { required: true, nonEmpty: true },
  );
  if (Array.isArray(c['filters']) && c['filters'].length > 0 && terminal !== 1) {
    e.add(join(path, 'filters'), `needs exactly one of ${FILTER_NAME.httpConnectionManager}, ${FILTER_NAME.tcpProxy}`);
  }
  if (c['transport_socket'] !== undefined)
    checkTransportSocket(e, join(path, 'transport_socket'), c['transport_socket']);
  return key;
}

/** All problems with a Listener; empty when it is valid. */
export function validateListener(v: unknown, filters: HttpFilterConfigChecks = STRUCTURE_ONLY): string[] {
  const name = isObject(v) && typeof v['name'] === 'string' ? v['name'] : '';
  const e = new FieldErrors('Listener', name);
  if (!isObject(v)) {
    e.add('', 'must be an object');
    return e.messages;
  }
  requireString(e, 'name', v['name']);
  checkAddress(e, 'address', v['address']);
  const keys = new Map<string, number>();
  checkArray(
    e,
    'filter_chains',
    v['filter_chains'],
    (c, p, i) => {
      const key = checkFilterChain(e, p, c, filters);
      const other = keys.get(key);
      if (other !== undefined) e.add(p, `has the same filter_chain_match as filter_chains[${other}]`);
      else keys.set(key, i);
    },
    { required: v['default_filter_chain'] === undefined },
  );
  if (v['default_filter_chain'] !== undefined)
    checkFilterChain(e, 'default_filter_chain', v['default_filter_chain'], filters);
  optionalBool(e, 'use_original_dst', v['use_original_dst']);
  optionalBool(e, 'bind_to_port', v['bind_to_port']);
  const dir = v['traffic_direction'];
  if (dir !== undefined && dir !== 'INBOUND' && dir !== 'OUTBOUND' && dir !== 'UNSPECIFIED') {
    e.add('traffic_direction', 'must be INBOUND, OUTBOUND or UNSPECIFIED');
  }
  return e.messages;
}
