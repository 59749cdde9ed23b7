/** What a sidecar was given: the actions of the RBAC filters on one inbound port, in filter-chain order. */
import type { CheckContext } from '../schema';

interface HttpFilterJson {
  name?: string;
  typedConfig?: { rules?: { action?: string } };
}
interface ListenerJson {
  filterChains?: {
    filterChainMatch?: { destinationPort?: number };
    filters?: { typedConfig?: { httpFilters?: HttpFilterJson[] } }[];
  }[];
}

/** The learner would run the same `istioctl proxy-config listeners` line; the first chain for the port is read. */
export async function inboundRbacActions(ctx: CheckContext, deployment: string, port: number): Promise<string[]> {
  const shell = await ctx.shell();
  const out = await shell.run(`istioctl proxy-config listeners deploy/${deployment} --port 15006 -o json`);
  if (out.exitCode !== 0) return [];
  const listeners = JSON.parse(out.stdout) as ListenerJson[];
  const chain = listeners[0]?.filterChains?.find((c) => c.filterChainMatch?.destinationPort === port);
  const filters = chain?.filters?.[0]?.typedConfig?.httpFilters ?? [];
  // An RBAC filter without `rules` is one that enforces nothing (shadow rules only): Envoy lets every request on.
  return filters
    .filter((f) => f.name === 'envoy.filters.http.rbac')
    .map((f) => f.typedConfig?.rules?.action ?? 'ALLOW');
}
