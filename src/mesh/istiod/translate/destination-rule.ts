import type { DestinationRuleSpec, Subset } from '../model/istio-api';
import type { DestinationRuleConfig, MeshSnapshot } from '../model/snapshot';
import { compareSpecificity, hostMatches } from '../model/host';

/** The DestinationRule a proxy applies to a host, with the rule it came from (for metadata). */
export interface ResolvedDestinationRule {
  readonly config: DestinationRuleConfig;
  readonly spec: DestinationRuleSpec;
}

/**
 * Istio's lookup order: a rule in the proxy's namespace, else in the service's namespace, else in the
 * root namespace; within one namespace the most specific host wins (exact before wildcard), then the
 * oldest. Further rules for that same host and namespace contribute subsets they alone define (Istio merges
 * them, first one wins).
 */
export function destinationRuleFor(
  snapshot: MeshSnapshot,
  proxyNamespace: string,
  hostname: string,
  serviceNamespace: string,
): ResolvedDestinationRule | undefined {
  for (const ns of [proxyNamespace, serviceNamespace, snapshot.meshConfig.rootNamespace]) {
    const candidates = snapshot.destinationRules
      .filter((dr) => dr.meta.namespace === ns && hostMatches(dr.host, hostname))
      .sort((a, b) => compareSpecificity(a.host, b.host));
    const first = candidates[0];
    if (first === undefined) continue;
    const subsets: Subset[] = [...(first.spec.subsets ?? [])];
    for (const other of candidates.slice(1)) {
      if (other.host !== first.host) continue;
      for (const s of other.spec.subsets ?? []) if (!subsets.some((x) => x.name === s.name)) subsets.push(s);
    }
    return { config: first, spec: { ...first.spec, subsets } };
  }
  return undefined;
}
