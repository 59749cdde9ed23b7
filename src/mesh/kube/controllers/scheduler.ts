/**
 * The scheduler: binds each new pod to the Ready node running the fewest pods (ties go to the node listed
 * first), which spreads a Deployment's replicas across the node pool as the default spreading scores do.
 */
import { isTerminating } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Node, Pod } from '../types';
import type { ControllerContext } from './context';
import { setPodCondition } from './pod-status';

const COMPONENT = { component: 'default-scheduler' };

export function startScheduler(ctx: ControllerContext): void {
  ctx.watch(groupKindOf(TYPES.Pod), (event) => {
    const pod = event.object as Pod;
    if (event.type === 'DELETED' || pod.spec?.nodeName !== undefined || isTerminating(pod)) return;
    const namespace = pod.metadata.namespace ?? '';
    ctx.enqueue(`schedule/${namespace}/${pod.metadata.name}`, () => schedule(ctx, namespace, pod.metadata.name));
  });
}

function isNodeReady(node: Node): boolean {
  return (
    node.spec?.unschedulable !== true &&
    (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false)
  );
}

function schedule(ctx: ControllerContext, namespace: string, name: string): void {
  const { api } = ctx;
  const pod = api.get<Pod>(TYPES.Pod, namespace, name);
  if (pod === undefined || pod.spec?.nodeName !== undefined || isTerminating(pod)) return;
  const nodes = api.view<Node>(TYPES.Node).filter(isNodeReady);
  const now = api.timestamp();
  if (nodes.length === 0) {
    api.mutate<Pod>(TYPES.Pod, namespace, name, (p) => {
      setPodCondition(p, now, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/0 nodes are available: no nodes available to schedule pods.',
      });
      p.status!.phase = 'Pending';
    });
    return;
  }
  const load = new Map(nodes.map((n) => [n.metadata.name, 0]));
  for (const other of api.view<Pod>(TYPES.Pod)) {
    const node = other.spec?.nodeName;
    if (node !== undefined && load.has(node) && !isTerminating(other)) load.set(node, load.get(node)! + 1);
  }
  const chosen = nodes.reduce((best, n) => (load.get(n.metadata.name)! < load.get(best.metadata.name)! ? n : best));
  const bound = api.mutate<Pod>(
    TYPES.Pod,
    namespace,
    name,
    (p) => {
      p.spec = { ...p.spec!, nodeName: chosen.metadata.name };
      setPodCondition(p, now, { type: 'PodScheduled', status: 'True' });
      p.status!.phase = 'Pending';
    },
    { subresource: 'binding' },
  );
  if (bound !== undefined) {
    ctx.events.normal(
      bound,
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${chosen.metadata.name}`,
      COMPONENT,
    );
  }
}
