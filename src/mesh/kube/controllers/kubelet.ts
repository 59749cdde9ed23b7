/**
 * The kubelets of all nodes, as one controller. For each pod bound to a node: create the sandbox (pod IP),
 * run init containers in order, then pull, create and start the app containers; mark containers ready (at
 * once, or after a short delay for those with a readiness probe, like istio-proxy); and on deletion stop
 * the containers and remove the pod. Every step happens on the clock, with small seeded delays.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import { isTerminating } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Node, Pod } from '../types';
import type { ControllerContext } from './context';
import { ImagePuller, type PullTarget } from './image-puller';
import { PodAddresses } from './pod-addresses';
import { initialPodStatus, setPodCondition, type ContainerRole } from './pod-status';
import { PodWorker } from './pod-worker';

export class Kubelet {
  private readonly workers = new Map<string, PodWorker>();
  private readonly addresses = new PodAddresses();
  readonly images: ImagePuller;

  constructor(
    private readonly ctx: ControllerContext,
    isKnownImage: (image: string) => boolean,
    unknownImageNote?: string,
  ) {
    this.images = new ImagePuller(ctx, isKnownImage, unknownImageNote);
  }

  start(): void {
    this.ctx.watch(groupKindOf(TYPES.Pod), (event) => {
      const pod = event.object as Pod;
      const worker = this.workers.get(pod.metadata.uid);
      if (event.type === 'DELETED') {
        worker?.stop();
        this.workers.delete(pod.metadata.uid);
        this.addresses.release(pod);
        this.ctx.logs.dropPod(pod.metadata.namespace ?? '', pod.metadata.name);
        return;
      }
      const node = pod.spec?.nodeName;
      if (node === undefined) return;
      const target = worker ?? this.newWorker(pod, node);
      if (isTerminating(pod)) {
        if (target.terminating) return;
        target.terminating = true;
        target.later(0, () => target.terminate());
      } else if (worker === undefined) {
        target.later(0, () => this.startPod(target));
      }
    });
  }

  /** Marks a running container ready or not ready (a readiness probe's verdict), e.g. an app failing its checks. */
  setContainerReady(namespace: string, name: string, container: string, ready: boolean): boolean {
    const worker = this.findWorker(namespace, name);
    if (worker === undefined) return false;
    worker.setReady(container, ready);
    return true;
  }

  /** A container's process ended: see PodWorker.exited. */
  containerExited(namespace: string, name: string, container: string, exitCode: number): boolean {
    return this.findWorker(namespace, name)?.exited(container, exitCode) ?? false;
  }

  private newWorker(pod: Pod, node: string): PodWorker {
    const worker = new PodWorker(this.ctx, pod, node);
    this.workers.set(worker.uid, worker);
    return worker;
  }

  private findWorker(namespace: string, name: string): PodWorker | undefined {
    return [...this.workers.values()].find((w) => w.namespace === namespace && w.name === name);
  }

  private startPod(worker: PodWorker): void {
    const pod = worker.current();
    const node = this.ctx.api.get<Node>(TYPES.Node, undefined, worker.node);
    if (pod === undefined || node === undefined) return;
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const now = this.ctx.api.timestamp();
    worker.writeStatus((p) => {
      p.status = initialPodStatus(p, hostIP, now);
      setPodCondition(p, now, { type: 'PodReadyToStartContainers', status: 'False' });
    });
    worker.later(this.ctx.jitter(200, 600), () => {
      const address = pod.spec?.hostNetwork === true ? { ip: hostIP } : this.addresses.allocate(node);
      if ('error' in address) {
        // The sandbox never comes up: the pod stays ContainerCreating, as on a node whose pod range is spent.
        this.ctx.events.warning(
          pod,
          'FailedCreatePodSandBox',
          `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: ${address.error}`,
          { component: 'kubelet', host: worker.node },
        );
        return;
      }
      const podIP = address.ip;
      worker.writeStatus((p) => {
        p.status = { ...p.status, podIP, podIPs: [{ ip: podIP }] };
        setPodCondition(p, this.ctx.api.timestamp(), { type: 'PodReadyToStartContainers', status: 'True' });
      });
      this.runInitContainer(worker, pod.spec?.initContainers ?? [], 0, pod.spec?.containers ?? []);
    });
  }

  /** Init containers run one at a time, each only after the previous one completed (or, a sidecar, started). */
  private runInitContainer(worker: PodWorker, inits: IContainer[], index: number, apps: IContainer[]): void {
    const container = inits[index];
    if (container === undefined) {
      worker.writeStatus(() => undefined); // Initialized flips to True
      this.runAppContainer(worker, apps, 0);
      return;
    }
    this.images.ensure(
      this.pullTarget(worker, container, 'init'),
      () => worker.runContainer(container, 'init', false, () => this.runInitContainer(worker, inits, index + 1, apps)),
      () => undefined, // a failed init container blocks the pod: nothing after it starts
    );
  }

  /** App containers start in order; one whose image cannot be pulled does not hold up the next. */
  private runAppContainer(worker: PodWorker, apps: IContainer[], index: number): void {
    const container = apps[index];
    if (container === undefined) return;
    const next = (): void => this.runAppContainer(worker, apps, index + 1);
    this.images.ensure(
      this.pullTarget(worker, container, 'app'),
      () => {
        worker.runContainer(container, 'app', false);
        next();
      },
      next,
    );
  }

  private pullTarget(worker: PodWorker, container: IContainer, role: ContainerRole): PullTarget {
    return {
      pod: { namespace: worker.namespace, name: worker.name, node: worker.node },
      container,
      role,
      later: (delayMs, fn) => worker.later(delayMs, fn),
    };
  }
}
