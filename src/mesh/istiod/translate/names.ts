import type { ConfigSource } from '../../xds';

/** Istio's well-known names; they appear in `istioctl proxy-config` output and in stats, so they are exact. */
export const PASSTHROUGH_CLUSTER = 'PassthroughCluster';
export const BLACKHOLE_CLUSTER = 'BlackHoleCluster';
export const INBOUND_PASSTHROUGH_CLUSTER = 'InboundPassthroughCluster';
export const VIRTUAL_OUTBOUND_LISTENER = 'virtualOutbound';
export const VIRTUAL_INBOUND_LISTENER = 'virtualInbound';
export const VIRTUAL_OUTBOUND_PORT = 15001;
export const VIRTUAL_INBOUND_PORT = 15006;
export const SDS_DEFAULT = 'default';
export const SDS_ROOT = 'ROOTCA';
export const DEFAULT_ROUTE_NAME = 'default';

/** Where every dynamic resource comes from: istiod over ADS (a fresh object each time; outputs share nothing). */
export function ads(): ConfigSource {
  return { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' };
}

/** `outbound|9080|v1|reviews.default.svc.cluster.local` (model.BuildSubsetKey). */
export function buildSubsetKey(
  direction: 'outbound' | 'inbound',
  subset: string,
  hostname: string,
  port: number,
): string {
  return `${direction}|${port}|${subset}|${hostname}`;
}

/** `inbound|9080||`: since Istio 1.10 inbound clusters are named by the workload port alone. */
export function inboundClusterName(port: number): string {
  return `inbound|${port}||`;
}

/** The SNI Istio gives mTLS connections to a cluster: `outbound_.9080_.v1_.reviews.default.svc.cluster.local`. */
export function buildDnsSrvSubsetKey(subset: string, hostname: string, port: number): string {
  return `outbound_.${port}_.${subset}_.${hostname}`;
}

/** Inverse of buildSubsetKey for outbound names; undefined for anything else. */
export function parseSubsetKey(
  name: string,
): { direction: string; port: number; subset: string; hostname: string } | undefined {
  const parts = name.split('|');
  if (parts.length !== 4) return undefined;
  const [direction = '', port = '', subset = '', hostname = ''] = parts;
  if (!/^\d+$/.test(port)) return undefined;
  return { direction, port: Number(port), subset, hostname };
}
