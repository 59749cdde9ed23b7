import { cloneObject, deepFreeze } from './clone';
import type { KubeObject, WatchEvent, WatchHandler } from './types';

/**
 * The API server's storage (etcd's role): objects by group-kind, namespace and name; one global
 * resourceVersion counter; watches.
 *
 * Watch delivery is synchronous and totally ordered: every handler sees every event in resourceVersion order,
 * right after the write that caused it. A handler that writes (a controller) does not recurse: its events
 * queue behind the one being delivered. Handlers therefore must not expect to observe their own writes
 * inside the same call; controllers schedule their work on the clock instead (see controllers/queue.ts).
 *
 * No caller can change stored state behind the store's back: a write takes the object it is given (the caller
 * gives it up) and freezes it, reads hand out copies, and watchers get the frozen stored objects themselves —
 * one object per version, kept by informers and snapshots as they are, where a copy per event and per reader
 * was most of a cluster's boot.
 */
export class ObjectStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly watchers = new Set<{ groupKind: string | undefined; handler: WatchHandler }>();
  private readonly pending: { groupKind: string; event: WatchEvent }[] = [];
  /** Each kind's keys in list order, dropped when a key comes or goes (an update keeps its place). */
  private readonly orders = new Map<string, readonly string[]>();
  private dispatching = false;
  private revision = 0;

  constructor(private readonly reportError: (error: unknown) => void) {}

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.revision;
  }

  /** How many objects of a kind are stored, all namespaces together. */
  count(groupKind: string): number {
    return this.objects.get(groupKind)?.size ?? 0;
  }

  /** Group-kind keys of every kind that has ever been stored. */
  kinds(): string[] {
    return [...this.objects.keys()];
  }

  get(groupKind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.peek(groupKind, namespace, name);
    return found === undefined ? undefined : cloneObject(found);
  }

  /** The stored object itself (frozen), for readers that only look. */
  peek(groupKind: string, namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    return this.objects.get(groupKind)?.get(keyOf(namespace, name));
  }

  /** Objects of a kind, in one namespace or all, ordered by namespace then name (as kubectl lists them). */
  list(groupKind: string, namespace?: string): KubeObject[] {
    return this.view(groupKind, namespace).map((o) => cloneObject(o));
  }

  /**
   * `list` without the copies, for readers that only look (a controller counting its pods): the stored objects,
   * frozen. Reconciles run on every pod change, and copying every pod each time was most of a cluster's boot.
   */
  view(groupKind: string, namespace?: string): readonly KubeObject[] {
    const bucket = this.objects.get(groupKind);
    if (bucket === undefined) return [];
    const objects: KubeObject[] = [];
    for (const key of this.orderOf(groupKind, bucket)) {
      const object = bucket.get(key)!;
      if (namespace === undefined || object.metadata.namespace === namespace) objects.push(object);
    }
    return objects;
  }

  /** A kind's keys in list order (namespace, then name), sorted again only after an insert or a removal. */
  private orderOf(groupKind: string, bucket: Map<string, KubeObject>): readonly string[] {
    let order = this.orders.get(groupKind);
    if (order === undefined) {
      order = [...bucket.values()]
        .sort(
          (a, b) =>
            compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
            compare(a.metadata.name, b.metadata.name),
        )
        .map((o) => keyOf(o.metadata.namespace, o.metadata.name));
      this.orders.set(groupKind, order);
    }
    return order;
  }

  /**
   * Calls `visit` with each stored object of a kind (frozen) without copying it — for read-only scans over
   * many objects (garbage collection).
   */
  scan(groupKind: string, visit: (object: Readonly<KubeObject>) => void): void {
    for (const object of this.objects.get(groupKind)?.values() ?? []) visit(object);
  }

  /**
   * Stores a new object (the caller has filled uid, timestamps), which the store takes and freezes; returns a
   * copy of what was stored.
   */
  insert(groupKind: string, object: KubeObject): KubeObject {
    object.metadata.resourceVersion = String(++this.revision);
    object.metadata.generation = object.metadata.generation > 0 ? object.metadata.generation : 1;
    const stored = deepFreeze(object);
    this.orders.delete(groupKind);
    this.bucket(groupKind).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit(groupKind, { type: 'ADDED', object: stored });
    return cloneObject(stored);
  }

  /**
   * Replaces a stored object with `object`, which the store takes and freezes; returns a copy of what is stored.
   * A write that changes nothing is skipped (no new resourceVersion, no event), as the real server does for
   * no-op updates. generation moves when anything besides metadata and status does.
   */
  update(groupKind: string, object: KubeObject, options: { keepGeneration?: boolean } = {}): KubeObject {
    const bucket = this.bucket(groupKind);
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const old = bucket.get(key);
    if (old === undefined) throw new Error(`ObjectStore.update: ${groupKind} ${key} does not exist`);
    const next = object;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    next.metadata.generation = old.metadata.generation;
    // Most writes are a controller's status: the spec is compared once, not once more as part of the whole.
    const specChanged = !isDeepStrictEqual(withoutMetaAndStatus(old), withoutMetaAndStatus(next));
    const changed =
      specChanged || !isDeepStrictEqual(old.metadata, next.metadata) || !isDeepStrictEqual(old.status, next.status);
    if (!changed) return cloneObject(old);
    if (specChanged && options.keepGeneration !== true) next.metadata.generation++;
    next.metadata.resourceVersion = String(++this.revision);
    bucket.set(key, deepFreeze(next));
    this.emit(groupKind, { type: 'MODIFIED', object: next, oldObject: old });
    return cloneObject(next);
  }

  remove(groupKind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.bucket(groupKind);
    const key = keyOf(namespace, name);
    const old = bucket.get(key);
    if (old === undefined) return undefined;
    bucket.delete(key);
    this.orders.delete(groupKind);
    const last = cloneObject(old);
    last.metadata.resourceVersion = String(++this.revision);
    this.emit(groupKind, { type: 'DELETED', object: deepFreeze(last), oldObject: old });
    return cloneObject(last);
  }

  /**
   * Calls `handler` for every later write to `groupKind` (or to anything, when undefined). With `replay`,
   * first delivers an ADDED event for each object already stored, like an informer's initial list. Events
   * carry the stored objects, frozen. Returns the function that stops the watch.
   */
  watch(groupKind: string | undefined, handler: WatchHandler, options: { replay?: boolean } = {}): () => void {
    const watcher = { groupKind, handler };
    if (options.replay === true) {
      const kinds = groupKind === undefined ? [...this.objects.keys()] : [groupKind];
      for (const kind of kinds)
        for (const object of this.view(kind)) this.safely(() => handler({ type: 'ADDED', object }));
    }
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  private bucket(groupKind: string): Map<string, KubeObject> {
    let bucket = this.objects.get(groupKind);
    if (bucket === undefined) {
      bucket = new Map();
      this.objects.set(groupKind, bucket);
    }
    return bucket;
  }

  private emit(groupKind: string, event: WatchEvent): void {
    this.pending.push({ groupKind, event });
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) {
        for (const watcher of [...this.watchers]) {
          if (watcher.groupKind !== undefined && watcher.groupKind !== next.groupKind) continue;
          if (!this.watchers.has(watcher)) continue;
          const event = next.event;
          this.safely(() => watcher.handler(event));
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.reportError(error);
    }
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutMetaAndStatus(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

/** Structural equality of JSON-like values (key order ignored). */
export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, i) => isDeepStrictEqual(item, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => isDeepStrictEqual(ao[k], bo[k]));
}
