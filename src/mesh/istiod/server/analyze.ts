import type { Destination } from '../model/istio-api';
import type { MeshSnapshot, VirtualServiceConfig } from '../model/snapshot';
import { hostMatches, resolveShortname } from '../model/host';
import { resolveGatewayName } from '../model/snapshot';

/** One `istioctl analyze` finding, with Istio's code, level and wording. */
export interface AnalyzerMessage {
  readonly code: string;
  readonly level: 'Error' | 'Warning' | 'Info';
  /** Istio's message type name, e.g. ReferencedResourceNotFound. */
  readonly name: string;
  /** `namespace` is absent for cluster-scoped resources (a Namespace). */
  readonly resource: { readonly kind: string; readonly namespace?: string; readonly name: string };
  readonly message: string;
}

/** `Error [IST0101] (VirtualService default/reviews) Referenced host not found: "reviews2"`, as istioctl prints it. */
export function formatAnalyzerMessage(m: AnalyzerMessage): string {
  const { kind, namespace, name } = m.resource;
  return `${m.level} [${m.code}] (${kind} ${namespace === undefined ? name : `${namespace}/${name}`}) ${m.message}`;
}

/**
 * The namespace a message belongs to when istioctl analyzes one namespace: its resource's, and for a
 * Namespace its own name (Istio's resource origin says so), so `analyze -n bar` reports bar's IST0102 only.
 */
export function analyzedNamespace(m: AnalyzerMessage): string | undefined {
  return m.resource.kind === 'Namespace' ? m.resource.name : m.resource.namespace;
}

const LEVEL_ORDER = { Error: 0, Warning: 1, Info: 2 } as const;

/** istioctl's order (diag.Messages.Sort): errors first, then by code, then by resource. */
export function sortAnalyzerMessages(messages: readonly AnalyzerMessage[]): AnalyzerMessage[] {
  const key = (m: AnalyzerMessage): string => `${m.resource.kind}/${m.resource.namespace ?? ''}/${m.resource.name}`;
  return [...messages].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
}

function referencedResourceNotFound(vs: VirtualServiceConfig, what: string, ref: string): AnalyzerMessage {
  return {
    code: 'IST0101',
    level: 'Error',
    name: 'ReferencedResourceNotFound',
    resource: { kind: 'VirtualService', namespace: vs.meta.namespace, name: vs.meta.name },
    message: `Referenced ${what} not found: "${ref}"`,
  };
}

function destinationsOf(vs: VirtualServiceConfig): Destination[] {
  return (vs.raw.http ?? []).flatMap((r) => [
    ...(r.route ?? []).map((d) => d.destination),
    ...(r.mirror === undefined ? [] : [r.mirror]),
    ...(r.mirrors ?? []).map((m) => m.destination),
  ]);
}

/**
 * The VirtualService analyzers meshdojo runs (galley/pkg/config/analysis/analyzers/virtualservice):
 * destination hosts that no Service or ServiceEntry provides, subsets that no DestinationRule for that host
 * defines, and gateways that do not exist — each IST0101 ReferencedResourceNotFound.
 */
export function analyze(snapshot: MeshSnapshot): AnalyzerMessage[] {
  const out: AnalyzerMessage[] = [];
  const suffix = snapshot.meshConfig.domainSuffix;
  const hostKnown = (fqdn: string): boolean =>
    snapshot.serviceByHost.has(fqdn) || snapshot.services.some((s) => hostMatches(s.hostname, fqdn));
  for (const vs of snapshot.virtualServices) {
    if (vs.gatewaySemantics) continue;
    const ns = vs.meta.namespace;
    const seen = new Set<string>();
    for (const d of destinationsOf(vs)) {
      const fqdn = resolveShortname(d.host, ns, suffix);
      if (!hostKnown(fqdn)) {
        if (!seen.has(`host:${d.host}`)) out.push(referencedResourceNotFound(vs, 'host', d.host));
        seen.add(`host:${d.host}`);
      }
      if (d.subset === undefined || d.subset === '') continue;
      const defined = snapshot.destinationRules.some(
        (dr) => hostMatches(dr.host, fqdn) && (dr.spec.subsets ?? []).some((s) => s.name === d.subset),
      );
      const key = `subset:${d.host}+${d.subset}`;
      if (!defined && !seen.has(key))
        out.push(referencedResourceNotFound(vs, 'host+subset in destinationrule', `${d.host}+${d.subset}`));
      seen.add(key);
    }
    for (const g of vs.raw.gateways ?? []) {
      if (g === 'mesh') continue;
      const key = resolveGatewayName(g, ns);
      if (!snapshot.gateways.some((gw) => gw.key === key)) out.push(referencedResourceNotFound(vs, 'gateway', g));
    }
  }
  return out;
}
