import type { KubeObject } from '../model/kube-api';
import type { AnalyzerMessage } from './analyze';

/** Namespaces Istio's analyzers never report on (istio-system and Kubernetes' own). */
const SKIPPED = new Set(['istio-system', 'kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/**
 * Istio's injection analyzer, for namespaces: one labelled neither `istio-injection` nor `istio.io/rev` gets
 * IST0102 NamespaceNotInjected, at level Info in current Istio (older releases made it a Warning), so on its
 * own it never makes `istioctl analyze` fail.
 */
export function analyzeInjection(namespaces: readonly KubeObject[]): AnalyzerMessage[] {
  return namespaces
    .filter((ns) => ns.kind === 'Namespace' && !SKIPPED.has(ns.metadata.name))
    .filter((ns) => {
      const labels = ns.metadata.labels ?? {};
      return labels['istio-injection'] === undefined && labels['istio.io/rev'] === undefined;
    })
    .map((ns) => {
      const name = ns.metadata.name;
      return {
        code: 'IST0102',
        level: 'Info',
        name: 'NamespaceNotInjected',
        resource: { kind: 'Namespace', name },
        message:
          `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${name} istio-injection=enabled' ` +
          `to enable it, or 'kubectl label namespace ${name} istio-injection=disabled' to explicitly mark it as not needing injection.`,
      };
    });
}
