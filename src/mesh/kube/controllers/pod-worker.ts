/**
 * One pod on one node, as the kubelet's pod worker handles it: its pending timers, the containers it
 * starts, stops and restarts, and the status it reports.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import { TimerOwner } from '../../sim';
import { randomHex } from '../names';
import { isRestartableInit } from '../pods';
import { TYPES } from '../resources';
import type { Pod } from '../types';
import type { ControllerContext } from './context';
import { imageId } from './images';
import { editContainerStatus, refreshPodConditions, type ContainerRole } from './pod-status';

export class PodWorker {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  terminating = false;
  private readonly timers = new Set<{ cancel(): void }>();
  /** Readiness set from outside (setReady), which wins over the kubelet's own. */
  private readonly readiness = new Map<string, boolean>();
  /** The kubelet's timers for this pod are the pod's (a runaway among them is blamed on it). */
  private readonly owner: TimerOwner;

  constructor(
    private readonly ctx: ControllerContext,
    pod: Pod,
    readonly node: string,
  ) {
    this.uid = pod.metadata.uid;
    this.namespace = pod.metadata.namespace ?? 'default';
    this.name = pod.metadata.name;
    this.owner = new TimerOwner(`pod ${this.namespace}/${this.name}`);
  }

  current(): Pod | undefined {
    const pod = this.ctx.api.get<Pod>(TYPES.Pod, this.namespace, this.name);
    return pod?.metadata.uid === this.uid ? pod : undefined;
  }

  /** Schedules work for this pod; stop() and terminate() cancel it. */
  later(delayMs: number, fn: () => void): void {
    const timer = this.ctx.after(
      delayMs,
      () => {
        this.timers.delete(timer);
        fn();
      },
      this.owner,
    );
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  /** Edits the pod's status, then recomputes phase and conditions. */
  writeStatus(edit: (pod: Pod) => void): Pod | undefined {
    const now = this.ctx.api.timestamp();
    return this.ctx.api.mutate<Pod>(TYPES.Pod, this.namespace, this.name, (pod) => {
      if (pod.metadata.uid !== this.uid) return false;
      edit(pod);
      refreshPodConditions(pod, now);
      return true;
    });
  }

  /** A readiness probe's verdict from outside (a workload failing its checks, a proxy without config). */
  setReady(container: string, ready: boolean): void {
    this.readiness.set(container, ready);
    this.writeStatus((p) => {
      for (const role of ['init', 'app'] as const) {
        editContainerStatus(p, role, container, (s) => {
          if (s.state?.running !== undefined) s.ready = ready;
        });
      }
    });
  }

  /**
   * A container's process ended (a workload crashed or exited): it restarts after CrashLoopBackOff's
   * back-off (10 s, doubling to 5 min), with restartCount and lastState updated and its logs rotated.
   */
  exited(container: string, exitCode: number): boolean {
    const { namespace, name } = this;
    const pod = this.current();
    if (pod === undefined || this.terminating) return false;
    const status = pod.status?.containerStatuses?.find((s) => s.name === container);
    if (status?.state?.running === undefined) return false;
    const now = this.ctx.api.timestamp();
    const backoffSeconds = Math.min(300, 10 * 2 ** status.restartCount);
    const uidTag = `${name}_${namespace}(${pod.metadata.uid})`;
    const terminated = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: status.state.running.startedAt ?? now,
      finishedAt: now,
      ...(status.containerID !== undefined ? { containerID: status.containerID } : {}),
    };
    this.writeStatus((p) =>
      editContainerStatus(p, 'app', container, (s) => {
        s.lastState = { terminated };
        s.ready = false;
        s.started = false;
        s.state = {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${backoffSeconds}s restarting failed container=${container} pod=${uidTag}`,
          },
        };
      }),
    );
    const source = { component: 'kubelet', host: this.node, fieldPath: `spec.containers{${container}}` };
    this.ctx.events.warning(
      pod,
      'BackOff',
      `Back-off restarting failed container ${container} in pod ${uidTag}`,
      source,
    );
    const spec = pod.spec?.containers.find((c) => c.name === container);
    this.later(backoffSeconds * 1000, () => {
      if (spec === undefined) return;
      this.ctx.logs.restart(namespace, name, container);
      this.runContainer(spec, 'app', true);
    });
    return true;
  }

  /**
   * Creates and starts a container. An ordinary init container runs briefly and completes; a native sidecar
   * (restartable init container) and app containers keep running. `then` runs once the next container may
   * start (for a native sidecar: after its startup probe passes).
   */
  runContainer(container: IContainer, role: ContainerRole, restart: boolean, then?: () => void): void {
    const pod = this.current();
    if (pod === undefined || this.terminating) return;
    const field = `spec.${role === 'init' ? 'initContainers' : 'containers'}{${container.name}}`;
    const source = { component: 'kubelet', host: this.node, fieldPath: field };
    if (restart)
      this.ctx.events.normal(pod, 'Pulled', `Container image "${container.image}" already present on machine`, source);
    this.ctx.events.normal(pod, 'Created', `Created container: ${container.name}`, source);
    this.ctx.events.normal(pod, 'Started', `Started container ${container.name}`, source);
    const startedAt = this.ctx.api.timestamp();
    const oneShot = role === 'init' && !isRestartableInit(container);
    const probeDelay =
      container.readinessProbe !== undefined || container.startupProbe !== undefined
        ? Math.max((container.readinessProbe?.initialDelaySeconds ?? 0) * 1000, this.ctx.jitter(700, 1500))
        : 0;
    const readyNow = !oneShot && probeDelay === 0;
    this.writeStatus((p) =>
      editContainerStatus(p, role, container.name, (s) => {
        s.containerID = `containerd://${randomHex(this.ctx.random, 64)}`;
        s.imageID = imageId(container.image ?? '');
        s.state = { running: { startedAt } };
        s.started = true;
        s.ready = readyNow && (this.readiness.get(container.name) ?? true);
        if (restart) s.restartCount += 1;
      }),
    );
    if (oneShot) {
      this.later(this.ctx.jitter(100, 400), () => {
        const finishedAt = this.ctx.api.timestamp();
        this.writeStatus((p) =>
          editContainerStatus(p, role, container.name, (s) => {
            s.state = {
              terminated: {
                exitCode: 0,
                reason: 'Completed',
                startedAt,
                finishedAt,
                ...(s.containerID ? { containerID: s.containerID } : {}),
              },
            };
            s.ready = true;
            s.started = false;
          }),
        );
        then?.();
      });
      return;
    }
    if (readyNow) {
      then?.();
      return;
    }
    this.later(probeDelay, () => {
      this.writeStatus((p) =>
        editContainerStatus(p, role, container.name, (s) => {
          if (s.state?.running !== undefined) s.ready = this.readiness.get(container.name) ?? true;
        }),
      );
      then?.();
    });
  }

  /** Graceful stop: containers get their stop signal now, the pod object goes when they have exited. */
  terminate(): void {
    this.stop();
    const pod = this.current();
    if (pod === undefined) return;
    const running = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].filter(
      (s) => s.state?.running !== undefined,
    );
    for (const s of running) {
      const role = pod.spec?.containers.some((c) => c.name === s.name) ? 'containers' : 'initContainers';
      this.ctx.events.normal(pod, 'Killing', `Stopping container ${s.name}`, {
        component: 'kubelet',
        host: this.node,
        fieldPath: `spec.${role}{${s.name}}`,
      });
    }
    this.writeStatus((p) => {
      for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])])
        s.ready = false;
    });
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const stopMs = running.length === 0 ? 0 : Math.min(grace, this.ctx.jitter(1000, 3000));
    this.later(stopMs, () => {
      this.ctx.api.delete(TYPES.Pod, this.namespace, this.name, { gracePeriodSeconds: 0 });
    });
  }
}
