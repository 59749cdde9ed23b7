import type { KubeObject } from '../model/kube-api';
import type { AnalyzerMessage } from './analyze';

/** Namespaces Istio's analyzers never report on (istio-system and Kubernetes' own). */
const SKIPPED = new Set(['istio-system', 'kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const INJECT = 'sidecar.istio.io/inject';

interface PodShape {
  readonly hostNetwork?: boolean;
  readonly containers?: readonly { readonly name?: string }[];
}

function notInjected(name: string): AnalyzerMessage {
  return {
    code: 'IST0102',
    level: 'Info',
    name: 'NamespaceNotInjected',
    resource: { kind: 'Namespace', name },
    message:
      `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' ` +
      `to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`,
  };
}

function podMissingProxy(pod: KubeObject): AnalyzerMessage {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  return {
    code: 'IST0103',
    level: 'Warning',
    name: 'PodMissingProxy',
    resource: { kind: 'Pod', namespace, name },
    message: `The pod ${namespace}/${name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`,
  };
}

/** A pod opted out with `sidecar.istio.io/inject: "false"`; the label wins over the annotation, as in Istio. */
function optedOut(pod: KubeObject): boolean {
  const value = pod.metadata.labels?.[INJECT] ?? pod.metadata.annotations?.[INJECT] ?? '';
  return value.toLowerCase() === 'false';
}

/**
 * Istio's injection analyzer: a namespace labelled neither `istio-injection` nor `istio.io/rev` gets IST0102
 * NamespaceNotInjected, at level Info in current Istio (older releases made it a Warning), so on its own it
 * never makes `istioctl analyze` fail. In a namespace that injects, a pod without an `istio-proxy` container
 * (not opted out, not on the host network) gets IST0103 PodMissingProxy: the pods that were running before
 * the namespace was labelled, since injection happens only when a pod is created.
 */
export function analyzeInjection(namespaces: readonly KubeObject[], pods: readonly KubeObject[]): AnalyzerMessage[] {
  const out: AnalyzerMessage[] = [];
  const injected = new Set<string>();
  for (const ns of namespaces) {
    const name = ns.metadata.name;
    if (ns.kind !== 'Namespace' || SKIPPED.has(name)) continue;
    const labels = ns.metadata.labels ?? {};
    const legacy = labels['istio-injection'];
    const revision = labels['istio.io/rev'];
    if (legacy === undefined && revision === undefined) out.push(notInjected(name));
    // A legacy label of any other value (`disabled`) is a deliberate opt-out; Istio's analyzer ignores it.
    else if (revision !== undefined || legacy === 'enabled') injected.add(name);
  }
  for (const pod of pods) {
    if (!injected.has(pod.metadata.namespace ?? 'default') || optedOut(pod)) continue;
    const spec = (pod.spec ?? {}) as PodShape;
    if (spec.hostNetwork === true) continue;
    if (!(spec.containers ?? []).some((c) => c.name === 'istio-proxy')) out.push(podMissingProxy(pod));
  }
  return out;
}
