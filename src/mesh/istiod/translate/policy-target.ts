import type { Config } from '../model/config';
import type { Labels, PolicyTargetReference } from '../model/istio-api';
import { hasSelector, selectorMatches } from '../model/labels';
import { GATEWAY_NAME_LABEL } from '../model/workloads';

/** What every security policy kind scopes by: labels, or a reference to a Gateway API Gateway. */
interface TargetedSpec {
  selector?: { matchLabels?: Labels } | undefined;
  targetRef?: PolicyTargetReference | undefined;
  targetRefs?: PolicyTargetReference[] | undefined;
}

function refersTo(
  ref: PolicyTargetReference,
  policyNamespace: string,
  workload: { namespace: string; labels: Labels },
) {
  const kind = ref.kind ?? '';
  const group = ref.group ?? '';
  if (kind !== 'Gateway' || (group !== 'gateway.networking.k8s.io' && group !== '')) return false;
  return (ref.namespace ?? policyNamespace) === workload.namespace && workload.labels[GATEWAY_NAME_LABEL] === ref.name;
}

/**
 * Istio's policy scoping: a policy in the root namespace applies mesh-wide, one elsewhere to its own
 * namespace; a selector narrows it to matching workloads; a targetRef binds it to one Gateway's pods alone.
 */
export function policiesForWorkload<S extends TargetedSpec>(
  policies: readonly Config<S>[],
  rootNamespace: string,
  workload: { namespace: string; labels: Labels },
): Config<S>[] {
  return policies.filter((p) => {
    const refs = [...(p.spec.targetRef === undefined ? [] : [p.spec.targetRef]), ...(p.spec.targetRefs ?? [])];
    if (refs.length > 0) return refs.some((ref) => refersTo(ref, p.meta.namespace, workload));
    if (p.meta.namespace !== rootNamespace && p.meta.namespace !== workload.namespace) return false;
    const selector = p.spec.selector?.matchLabels;
    return !hasSelector(selector) || selectorMatches(selector, workload.labels);
  });
}
