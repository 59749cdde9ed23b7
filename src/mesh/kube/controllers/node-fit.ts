/**
 * The scheduler's filters, as far as the simulator models them, and the message of its FitError: which
 * nodes a pod may go to and, when none, why not — worded as kube-scheduler words it
 * (pkg/scheduler/framework/types.go FitError.Error, the preemption plugin's PostFilter message):
 *
 *   0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims
 *   found for incoming pod.
 */
import type { Node } from '../types';

/** The kubelet's default --max-pods, which NKS nodes report as allocatable `pods`. */
export const DEFAULT_MAX_PODS = 110;

/** Why a node was filtered out; the first that applies (as the filter plugins run). */
export type NodeMisfit = 'unschedulable' | 'not-ready' | 'too-many-pods';

/** Per misfit: the filter's reason, and whether evicting lower-priority pods could ever make room. */
const MISFITS: Record<NodeMisfit, { reason: string; preemptionMayHelp: boolean }> = {
  unschedulable: { reason: 'node(s) were unschedulable', preemptionMayHelp: false },
  'not-ready': { reason: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }', preemptionMayHelp: false },
  'too-many-pods': { reason: 'Too many pods', preemptionMayHelp: true },
};

/** How many pods the node takes (status.allocatable.pods). */
export function maxPodsOf(node: Node): number {
  const allocatable = Number(node.status?.allocatable?.['pods'] ?? DEFAULT_MAX_PODS);
  return Number.isFinite(allocatable) ? allocatable : DEFAULT_MAX_PODS;
}

/** Whether a pod fits on `node` now, holding `pods` pods; undefined when it does. */
export function misfitOf(node: Node, pods: number): NodeMisfit | undefined {
  if (node.spec?.unschedulable === true) return 'unschedulable';
  if (!(node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)) return 'not-ready';
  if (pods >= maxPodsOf(node)) return 'too-many-pods';
  return undefined;
}

/**
 * The FitError message for a pod no node took. Every node failed one filter; the preemption plugin then found
 * no victims (the simulator does not model pod priority, so none are ever found on a full node) or saw that
 * preemption would not help.
 */
export function fitErrorMessage(misfits: readonly NodeMisfit[]): string {
  const nodes = misfits.length;
  if (nodes === 0) return '0/0 nodes are available: no nodes available to schedule pods.';
  const filters = histogram(misfits.map((m) => MISFITS[m].reason));
  const preemption = histogram(
    misfits.map((m) =>
      MISFITS[m].preemptionMayHelp
        ? 'No preemption victims found for incoming pod'
        : 'Preemption is not helpful for scheduling',
    ),
  );
  return `0/${nodes} nodes are available: ${filters}. preemption: 0/${nodes} nodes are available: ${preemption}.`;
}

/** `3 Too many pods, 1 node(s) were unschedulable`, sorted as the scheduler sorts the strings. */
function histogram(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort()
    .join(', ');
}
