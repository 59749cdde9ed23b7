/**
 * The scheduler: binds each new pod to a node it fits on (Ready, schedulable, fewer pods than its allocatable
 * `pods`, 110 on NKS), choosing the one running the fewest pods (ties go to the node listed first), which
 * spreads a Deployment's replicas across the node pool as the default spreading scores do. A pod no node takes
 * stays Pending with PodScheduled=False and a FailedScheduling event, and is tried again, oldest first, when
 * room may have appeared: a pod holding a place left or finished, or a node changed.
 *
 * Pod counts per node are kept from the watch rather than recounted for every pod, so thousands of Pending
 * pods cost no more than a few.
 */
import { isTerminating } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Node, Pod, WatchEvent } from '../types';
import type { ControllerContext } from './context';
import { fitErrorMessage, misfitOf, type NodeMisfit } from './node-fit';
import { setPodCondition } from './pod-status';

const COMPONENT = { component: 'default-scheduler' };

/** Where a bound pod is, and what it counts for there. */
interface Placement {
  node: string;
  /** It holds one of the node's pod places: every bound pod but a finished one (Succeeded, Failed). */
  holdsPlace: boolean;
  /** It counts for spreading: every bound pod not being deleted. */
  spreads: boolean;
}

type Outcome = 'bound' | 'unschedulable' | 'gone';

export function startScheduler(ctx: ControllerContext): void {
  const scheduler = new Scheduler(ctx);
  ctx.watch(groupKindOf(TYPES.Pod), (event) => scheduler.podChanged(event));
  ctx.watch(groupKindOf(TYPES.Node), () => scheduler.retryUnschedulable());
}

class Scheduler {
  private readonly placements = new Map<string, Placement>();
  private readonly placesHeld = new Map<string, number>();
  private readonly spreading = new Map<string, number>();
  /** Pods no node took, by uid, in the order they first failed: the order they are tried again. */
  private readonly unschedulable = new Map<string, { namespace: string; name: string }>();

  constructor(private readonly ctx: ControllerContext) {}

  podChanged(event: WatchEvent): void {
    const pod = event.object as Pod;
    const uid = pod.metadata.uid;
    const before = this.placements.get(uid);
    const node = event.type === 'DELETED' ? undefined : pod.spec?.nodeName;
    const after: Placement | undefined =
      node === undefined ? undefined : { node, holdsPlace: !isFinished(pod), spreads: !isTerminating(pod) };
    this.move(uid, before, after);
    if (before?.holdsPlace === true && after?.holdsPlace !== true) this.retryUnschedulable();
    if (event.type === 'DELETED' || node !== undefined) {
      this.unschedulable.delete(uid);
      return;
    }
    // Our own status write on an unschedulable pod: it is tried again when room may have appeared.
    if (isTerminating(pod) || this.unschedulable.has(uid)) return;
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name;
    this.ctx.enqueue(`schedule/${namespace}/${name}`, () => void this.schedule(namespace, name));
  }

  /** Tries the Pending pods again, oldest first, until one still fits nowhere (they all need the same: a place). */
  retryUnschedulable(): void {
    if (this.unschedulable.size === 0) return;
    this.ctx.enqueue('schedule/unschedulable', () => {
      for (const [uid, pod] of [...this.unschedulable]) {
        const outcome = this.schedule(pod.namespace, pod.name);
        if (outcome === 'gone') this.unschedulable.delete(uid);
        if (outcome === 'unschedulable') return;
      }
    });
  }

  private move(uid: string, before: Placement | undefined, after: Placement | undefined): void {
    if (before !== undefined) {
      if (before.holdsPlace) add(this.placesHeld, before.node, -1);
      if (before.spreads) add(this.spreading, before.node, -1);
    }
    if (after === undefined) {
      this.placements.delete(uid);
      return;
    }
    if (after.holdsPlace) add(this.placesHeld, after.node, 1);
    if (after.spreads) add(this.spreading, after.node, 1);
    this.placements.set(uid, after);
  }

  private schedule(namespace: string, name: string): Outcome {
    const { api } = this.ctx;
    const pod = api.get<Pod>(TYPES.Pod, namespace, name);
    if (pod === undefined || pod.spec?.nodeName !== undefined || isTerminating(pod)) return 'gone';
    const misfits: NodeMisfit[] = [];
    const fits: Node[] = [];
    for (const node of api.view<Node>(TYPES.Node)) {
      const misfit = misfitOf(node, this.placesHeld.get(node.metadata.name) ?? 0);
      if (misfit === undefined) fits.push(node);
      else misfits.push(misfit);
    }
    const now = api.timestamp();
    if (fits.length === 0) {
      const message = fitErrorMessage(misfits);
      this.unschedulable.set(pod.metadata.uid, { namespace, name });
      api.mutate<Pod>(TYPES.Pod, namespace, name, (p) => {
        setPodCondition(p, now, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
        p.status!.phase = 'Pending';
      });
      this.ctx.events.warning(pod, 'FailedScheduling', message, COMPONENT);
      return 'unschedulable';
    }
    const load = (node: Node): number => this.spreading.get(node.metadata.name) ?? 0;
    const chosen = fits.reduce((best, node) => (load(node) < load(best) ? node : best));
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
    if (bound === undefined) return 'gone';
    this.ctx.events.normal(
      bound,
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${chosen.metadata.name}`,
      COMPONENT,
    );
    return 'bound';
  }
}

/** A pod whose containers have all ended for good no longer takes a place on its node. */
function isFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function add(counts: Map<string, number>, node: string, delta: number): void {
  counts.set(node, (counts.get(node) ?? 0) + delta);
}
