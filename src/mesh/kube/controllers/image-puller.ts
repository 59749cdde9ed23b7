/**
 * The kubelet's image manager: pulls through the node's image cache, reports Pulling / Pulled / Failed /
 * BackOff events, and on an image no registry has (per the injected catalog) cycles ErrImagePull →
 * ImagePullBackOff with exponential back-off (10 s doubling to 5 min).
 *
 * Retries stop after MAX_PULL_ATTEMPTS so a forgotten broken pod does not keep the virtual clock busy
 * forever (a real kubelet would keep trying); the container then stays in ImagePullBackOff.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { Pod } from '../types';
import { TYPES } from '../resources';
import type { ControllerContext } from './context';
import { goDuration, imageSizeBytes, normalizeImage, pullFailure } from './images';
import { editContainerStatus, refreshPodConditions, type ContainerRole } from './pod-status';

export const MAX_PULL_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

export interface PullTarget {
  pod: { namespace: string; name: string; node: string };
  container: IContainer;
  role: ContainerRole;
  /** Schedules `fn` as part of this pod's work (cancelled if the pod goes away). */
  later(delayMs: number, fn: () => void): void;
}

export class ImagePuller {
  private readonly cache = new Map<string, Set<string>>();
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly isKnownImage: (image: string) => boolean,
    private readonly unknownImageNote?: string,
  ) {}

  /** Marks an image as already on a node (system images baked into the node image). */
  preload(node: string, image: string): void {
    this.cacheOf(node).add(normalizeImage(image));
  }

  /**
   * Makes the container's image present on the node, then calls `onPulled`. On a failed pull calls
   * `onFailed` once (the kubelet moves on to the pod's next container) and keeps retrying on back-off.
   */
  ensure(target: PullTarget, onPulled: () => void, onFailed: () => void): void {
    const { container, pod } = target;
    const image = container.image ?? '';
    const reference = normalizeImage(image);
    const fieldPath = `spec.${target.role === 'init' ? 'initContainers' : 'containers'}{${container.name}}`;
    const source = { component: 'kubelet', host: pod.node, fieldPath };
    const current = (): Pod | undefined => this.ctx.api.get<Pod>(TYPES.Pod, pod.namespace, pod.name);
    const start = current();
    if (start === undefined) return;
    if (container.imagePullPolicy !== 'Always' && this.cacheOf(pod.node).has(reference)) {
      this.ctx.events.normal(start, 'Pulled', `Container image "${image}" already present on machine`, source);
      onPulled();
      return;
    }
    this.ctx.events.normal(start, 'Pulling', `Pulling image "${image}"`, source);
    const pullMs = this.ctx.jitter(1000, 3000);
    target.later(pullMs, () => {
      const pulledPod = current();
      if (pulledPod === undefined) return;
      if (this.isKnownImage(image)) {
        this.cacheOf(pod.node).add(reference);
        const took = goDuration(pullMs);
        this.ctx.events.normal(
          pulledPod,
          'Pulled',
          `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(image)} bytes.`,
          source,
        );
        onPulled();
        return;
      }
      const key = `${pulledPod.metadata.uid}/${container.name}`;
      const attempt = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempt);
      const failure = pullFailure(image, this.unknownImageNote);
      this.ctx.events.warning(pulledPod, 'Failed', `Failed to pull image "${image}": ${failure}`, source);
      this.ctx.events.warning(pulledPod, 'Failed', 'Error: ErrImagePull', source);
      this.setWaiting(target, 'ErrImagePull', failure);
      if (attempt === 1) onFailed();
      target.later(this.ctx.jitter(500, 1500), () => {
        const backingOff = current();
        if (backingOff === undefined) return;
        this.ctx.events.normal(backingOff, 'BackOff', `Back-off pulling image "${image}"`, source);
        this.ctx.events.warning(backingOff, 'Failed', 'Error: ImagePullBackOff', source);
        this.setWaiting(target, 'ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${failure}`);
        if (attempt >= MAX_PULL_ATTEMPTS) return;
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
        target.later(backoff, () => this.ensure(target, onPulled, () => undefined));
      });
    });
  }

  private setWaiting(target: PullTarget, reason: string, message: string): void {
    const now = this.ctx.api.timestamp();
    this.ctx.api.mutate<Pod>(TYPES.Pod, target.pod.namespace, target.pod.name, (pod) => {
      editContainerStatus(pod, target.role, target.container.name, (status) => {
        status.state = { waiting: { reason, message } };
      });
      refreshPodConditions(pod, now);
    });
  }

  private cacheOf(node: string): Set<string> {
    let images = this.cache.get(node);
    if (images === undefined) {
      images = new Set();
      this.cache.set(node, images);
    }
    return images;
  }
}
