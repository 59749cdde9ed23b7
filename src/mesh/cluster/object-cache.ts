import type { Kube, KubeObject, WatchEvent } from '../kube';

/**
 * An informer-style cache of every object, fed by the store's watch (whose events already carry copies):
 * readers that scan the whole cluster often — istiod's snapshots, the "has it converged?" check — read
 * it without the store cloning every object again on each call.
 */
export class ObjectCache {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly unwatch: () => void;
  private readonly listeners = new Set<(event: WatchEvent) => void>();

  constructor(kube: Kube) {
    this.unwatch = kube.watch(undefined, (event) => this.apply(event), { replay: true });
  }

  /** Objects of one kind (`Pod`, `Service`, …) or of every kind; treat them as read-only. */
  list(kind?: string): KubeObject[] {
    if (kind !== undefined) return [...(this.byKind.get(kind)?.values() ?? [])];
    const all: KubeObject[] = [];
    for (const bucket of this.byKind.values()) all.push(...bucket.values());
    return all;
  }

  /** Called after the cache has taken in each event. */
  onChange(listener: (event: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    this.unwatch();
  }

  private apply(event: WatchEvent): void {
    const object = event.object;
    const kind = `${object.kind}.${object.apiVersion.split('/')[0] ?? ''}`;
    let bucket = this.byKind.get(object.kind) ?? this.byKind.get(kind);
    if (bucket === undefined) {
      bucket = new Map();
      this.byKind.set(object.kind, bucket);
    }
    const key = `${object.apiVersion.split('/')[0] ?? ''}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (event.type === 'DELETED') bucket.delete(key);
    else bucket.set(key, object);
    for (const listener of this.listeners) listener(event);
  }
}
