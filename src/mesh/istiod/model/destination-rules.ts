import type { DestinationRuleSpec, Labels, Subset } from './istio-api';
import type { DestinationRuleConfig, MeshSnapshot } from './snapshot';
import { compareConfigAge } from './config';
import { compareSpecificity, hostMatches, isWildcard } from './host';
import { selectorMatches } from './labels';

/** The DestinationRule a proxy applies to a host, with the rule it came from (for metadata). */
export interface ResolvedDestinationRule {
  readonly config: DestinationRuleConfig;
  readonly spec: DestinationRuleSpec;
}

/** The proxy asking: its namespace (Istio's config namespace) and its workload's labels. */
export interface DestinationRuleClient {
  readonly namespace: string;
  readonly labels: Labels;
}

/** Istio's ConsolidatedDestRule: the first rule for a host, with subsets (and a missing policy) merged in. */
interface ConsolidatedRule {
  readonly config: DestinationRuleConfig;
  spec: DestinationRuleSpec;
  readonly exportTo: ReadonlySet<string>;
}

type RulesByHost = Map<string, ConsolidatedRule[]>;

/** Istio's destinationRuleIndex, built once per snapshot. */
interface DestinationRuleIndex {
  /** Rules visible to proxies of their own namespace, exported or not. */
  readonly namespaceLocal: Map<string, RulesByHost>;
  /** Rules other namespaces may see (subject to each rule's exportTo). */
  readonly exportedByNamespace: Map<string, RulesByHost>;
  /** Root-namespace rules exported to that namespace alone: they still apply to proxies living there. */
  readonly rootNamespaceLocal: RulesByHost;
}

const indexes = new WeakMap<MeshSnapshot, DestinationRuleIndex>();

function sameLabels(a: Labels | undefined, b: Labels | undefined): boolean {
  const ea = Object.entries(a ?? {});
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => b?.[k] === v);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * Istio's mergeDestinationRule (with ENABLE_ENHANCED_DESTINATIONRULE_MERGE, on by default): a later rule for the
 * same host lends its new subsets (and its policy, when the earlier one has none) to each earlier rule with the
 * same exportTo and compatible selectors, and stands on its own when no earlier rule fully absorbs it.
 */
function mergeInto(rules: RulesByHost, config: DestinationRuleConfig, exportTo: ReadonlySet<string>): void {
  const list = rules.get(config.host);
  const own: ConsolidatedRule = { config, spec: config.spec, exportTo };
  if (list === undefined) {
    rules.set(config.host, [own]);
    return;
  }
  const incoming = config.spec;
  let appendSeparately = true;
  for (const existing of list) {
    if (sameSet(exportTo, existing.exportTo)) appendSeparately = false;
    else if (existing.exportTo.size > 0 && [...existing.exportTo].every((e) => exportTo.has(e)))
      appendSeparately = true;
    else {
      appendSeparately = true;
      continue;
    }
    const existingSelector = existing.spec.workloadSelector;
    const bothWith = existingSelector !== undefined && incoming.workloadSelector !== undefined;
    const selectorsMatch = sameLabels(existingSelector?.matchLabels, incoming.workloadSelector?.matchLabels);
    if (bothWith && !selectorsMatch) {
      appendSeparately = true;
      continue;
    }
    if ((existingSelector === undefined && incoming.workloadSelector === undefined) || bothWith)
      appendSeparately = false;
    const subsets: Subset[] = [...(existing.spec.subsets ?? [])];
    for (const s of incoming.subsets ?? []) if (!subsets.some((x) => x.name === s.name)) subsets.push(s);
    const trafficPolicy = existing.spec.trafficPolicy ?? incoming.trafficPolicy;
    existing.spec = { ...existing.spec, subsets, ...(trafficPolicy !== undefined && { trafficPolicy }) };
  }
  if (appendSeparately) list.push(own);
}

function rulesIn(map: Map<string, RulesByHost>, namespace: string): RulesByHost {
  let rules = map.get(namespace);
  if (rules === undefined) map.set(namespace, (rules = new Map()));
  return rules;
}

/**
 * Istio's setDestinationRules. A rule with a workloadSelector is never exported: it stays in its namespace. Rules
 * with a selector are merged first (then oldest first), so a proxy's selected rule is found before catch-alls.
 */
function buildIndex(snapshot: MeshSnapshot): DestinationRuleIndex {
  const root = snapshot.meshConfig.rootNamespace;
  const index: DestinationRuleIndex = {
    namespaceLocal: new Map(),
    exportedByNamespace: new Map(),
    rootNamespaceLocal: new Map(),
  };
  const ordered = [...snapshot.destinationRules].sort((a, b) => {
    const sa = a.spec.workloadSelector !== undefined;
    const sb = b.spec.workloadSelector !== undefined;
    return sa !== sb ? (sa ? -1 : 1) : compareConfigAge(a.meta, b.meta);
  });
  for (const dr of ordered) {
    const ns = dr.meta.namespace;
    const exportTo: ReadonlySet<string> =
      dr.spec.workloadSelector !== undefined ? new Set(['.']) : new Set(dr.spec.exportTo ?? []);
    if (exportTo.size === 0 || exportTo.has('*') || exportTo.has('.') || exportTo.has(ns))
      mergeInto(rulesIn(index.namespaceLocal, ns), dr, exportTo);
    const privateOnly = exportTo.size === 1 && (exportTo.has('.') || exportTo.has(ns));
    if (!privateOnly) mergeInto(rulesIn(index.exportedByNamespace, ns), dr, exportTo);
    else if (ns === root) mergeInto(index.rootNamespaceLocal, dr, exportTo);
  }
  return index;
}

/** Istio's MostSpecificHostMatch: the exact host, else the most specific wildcard covering it. */
function mostSpecific(rules: RulesByHost | undefined, hostname: string): ConsolidatedRule[] | undefined {
  if (rules === undefined) return undefined;
  const exact = rules.get(hostname);
  if (exact !== undefined) return exact;
  const wildcard = [...rules.keys()]
    .filter((h) => isWildcard(h) && hostMatches(h, hostname))
    .sort(compareSpecificity)[0];
  return wildcard === undefined ? undefined : rules.get(wildcard);
}

function exportedFrom(index: DestinationRuleIndex, owner: string, hostname: string, client: string) {
  const rules = mostSpecific(index.exportedByNamespace.get(owner), hostname) ?? [];
  const visible = rules.filter((r) => r.exportTo.size === 0 || r.exportTo.has('*') || r.exportTo.has(client));
  return visible.length > 0 ? visible : undefined;
}

/**
 * Istio's PushContext.destinationRule: the rules of the proxy's own namespace, else those the service's
 * namespace exports to it, else those the root namespace exports. The first namespace with a rule for the host
 * decides, even when none of its rules selects this proxy.
 */
function candidateRules(
  index: DestinationRuleIndex,
  root: string,
  client: string,
  hostname: string,
  serviceNamespace: string,
): ConsolidatedRule[] | undefined {
  const local = mostSpecific(client === root ? index.rootNamespaceLocal : index.namespaceLocal.get(client), hostname);
  return (
    local ?? exportedFrom(index, serviceNamespace, hostname, client) ?? exportedFrom(index, root, hostname, client)
  );
}

/**
 * The DestinationRule that applies to `hostname` for this proxy (Istio's SidecarScope.DestinationRule): a rule in
 * the proxy's namespace whose workloadSelector selects it wins; else the catch-all rule without a selector;
 * else none — a selector never reaches workloads of another namespace.
 */
export function destinationRuleFor(
  snapshot: MeshSnapshot,
  client: DestinationRuleClient,
  hostname: string,
  serviceNamespace: string,
): ResolvedDestinationRule | undefined {
  let index = indexes.get(snapshot);
  if (index === undefined) indexes.set(snapshot, (index = buildIndex(snapshot)));
  const rules = candidateRules(index, snapshot.meshConfig.rootNamespace, client.namespace, hostname, serviceNamespace);
  let catchAll: ConsolidatedRule | undefined;
  for (const rule of rules ?? []) {
    const selector = rule.spec.workloadSelector;
    if (selector === undefined) catchAll = rule;
    else if (rule.config.meta.namespace === client.namespace && selectorMatches(selector.matchLabels, client.labels))
      return rule;
  }
  return catchAll;
}
