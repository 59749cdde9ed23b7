/**
 * Envoy's `use_original_dst` hand-off: a connection captured on 15001/15006 is served by the listener bound to
 * where it was going before iptables redirected it.
 */
import type { ProxyConfig } from '../config/proxy-config';
import type { ListenerImpl } from './listener';

const dispatchCache = new WeakMap<ProxyConfig, Map<number, Map<string, ListenerImpl | null>>>();

/** The listener for an original destination: exact `address:port`, else `0.0.0.0:port` (memoised per config). */
export function originalDstListener(cfg: ProxyConfig, address: string, port: number): ListenerImpl | undefined {
  let byPort = dispatchCache.get(cfg);
  if (byPort === undefined) {
    byPort = new Map();
    dispatchCache.set(cfg, byPort);
  }
  let byAddress = byPort.get(port);
  if (byAddress === undefined) {
    byAddress = new Map();
    byPort.set(port, byAddress);
  }
  let found = byAddress.get(address);
  if (found === undefined) {
    found = cfg.byAddress.get(`${address}:${port}`) ?? cfg.byAddress.get(`0.0.0.0:${port}`) ?? null;
    if (byAddress.size > 4096) byAddress.clear();
    byAddress.set(address, found);
  }
  return found ?? undefined;
}
