import type { ApiServer } from './apiserver';
import { MESH_EPOCH_MS } from '../sim';
import { MAX_OBJECTS_PER_KIND } from './limits';
import { groupKindOf, TYPES } from './resources';
import type { KubeEvent, KubeObject } from './types';

const EVENT_TYPE = TYPES.Event;
/** The API server keeps events for an hour (--event-ttl). */
const EVENT_TTL_MS = 3_600_000;
const PRUNE_EVERY = 200;

export interface EventOptions {
  /** The reporting component: `kubelet`, `default-scheduler`, `deployment-controller`, … */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
  /** Which part of the object, e.g. `spec.containers{reviews}`. */
  fieldPath?: string;
}

/**
 * Records core/v1 Events about objects, as controllers and the kubelet do, for `kubectl describe` and
 * `kubectl get events`. A repeat of the same event (same object, reason, message) bumps `count` and
 * `lastTimestamp` instead of adding a line, like the client-go event correlator.
 */
export class EventRecorder {
  private sequence = 0;
  private writes = 0;
  /** Where the event for (object, reason, message, field) lives, so repeats find it without a scan. */
  private readonly recorded = new Map<string, { namespace: string; name: string }>();

  constructor(private readonly api: ApiServer) {}

  normal(object: KubeObject, reason: string, message: string, options: EventOptions): void {
    this.record(object, 'Normal', reason, message, options);
  }

  warning(object: KubeObject, reason: string, message: string, options: EventOptions): void {
    this.record(object, 'Warning', reason, message, options);
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, options: EventOptions): void {
    if (++this.writes % PRUNE_EVERY === 0) this.pruneExpired();
    const namespace = object.metadata.namespace ?? 'default';
    const now = this.api.timestamp();
    const key = `${object.metadata.uid}|${reason}|${message}|${options.fieldPath ?? ''}`;
    const previous = this.recorded.get(key);
    if (previous !== undefined) {
      const bumped = this.api.mutate<KubeEvent>(EVENT_TYPE, previous.namespace, previous.name, (e) => {
        e.count += 1;
        e.lastTimestamp = now;
      });
      if (bumped !== undefined) return;
    }
    const involvedObject: KubeEvent['involvedObject'] = {
      kind: object.kind,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
    };
    if (object.metadata.namespace !== undefined) involvedObject.namespace = object.metadata.namespace;
    if (options.fieldPath !== undefined) involvedObject.fieldPath = options.fieldPath;
    const source: KubeEvent['source'] = { component: options.component };
    if (options.host !== undefined) source.host = options.host;
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${object.metadata.name}.${this.nameSuffix()}`,
        namespace,
        uid: '',
        resourceVersion: '',
        generation: 0,
        creationTimestamp: '',
      },
      involvedObject,
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source,
      reportingComponent: options.component,
    };
    if (this.api.store.count(groupKindOf(EVENT_TYPE)) >= MAX_OBJECTS_PER_KIND) this.pruneOldest();
    const created = this.api.create(EVENT_TYPE, event);
    if (created.ok) this.recorded.set(key, { namespace, name: event.metadata.name });
  }

  /** Events about one object (by uid), oldest first, as `kubectl describe` lists them. */
  eventsFor(object: KubeObject): KubeEvent[] {
    return this.api
      .list<KubeEvent>(EVENT_TYPE, object.metadata.namespace ?? 'default')
      .filter((e) => e.involvedObject.uid === object.metadata.uid)
      .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
  }

  private pruneExpired(): void {
    const cutoff = this.api.timestamp(-EVENT_TTL_MS);
    const expired: { namespace: string | undefined; name: string }[] = [];
    this.api.store.scan(groupKindOf(EVENT_TYPE), (e) => {
      if ((e as KubeEvent).lastTimestamp < cutoff)
        expired.push({ namespace: e.metadata.namespace, name: e.metadata.name });
    });
    for (const e of expired) this.api.delete(EVENT_TYPE, e.namespace, e.name);
  }

  /**
   * At the object cap, the oldest tenth of the events go, as if their hour had passed: a cluster that made
   * thousands of pods in a few minutes keeps telling what happens now (a new pod's FailedScheduling).
   */
  private pruneOldest(): void {
    const events: KubeEvent[] = [];
    this.api.store.scan(groupKindOf(EVENT_TYPE), (e) => void events.push(e as KubeEvent));
    events.sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0));
    for (const e of events.slice(0, Math.ceil(events.length / 10)))
      this.api.delete(EVENT_TYPE, e.metadata.namespace, e.metadata.name);
  }

  /** client-go names events `<object>.<unix nanoseconds in hex>`; a sequence keeps same-instant names distinct. */
  private nameSuffix(): string {
    const nanos =
      (BigInt(MESH_EPOCH_MS) + BigInt(Math.floor(this.api.clock.now()))) * 1_000_000n + BigInt(this.sequence++);
    return nanos.toString(16);
  }
}
