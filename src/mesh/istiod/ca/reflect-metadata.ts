/**
 * @peculiar/x509 builds on tsyringe, which refuses to load without the `reflect-metadata` API on
 * `Reflect`. It only stores and reads decorator metadata, so a small map-backed version is enough; it is
 * installed only where the host has none. Import this module before '@peculiar/x509'.
 */
type MetadataKey = unknown;
type Target = object;

interface ReflectMetadata {
  defineMetadata(key: MetadataKey, value: unknown, target: Target): void;
  getOwnMetadata(key: MetadataKey, target: Target): unknown;
  getMetadata(key: MetadataKey, target: Target): unknown;
  metadata(key: MetadataKey, value: unknown): (target: Target) => void;
}

const host = Reflect as unknown as Partial<ReflectMetadata>;

if (typeof host.getMetadata !== 'function') {
  const store = new WeakMap<Target, Map<MetadataKey, unknown>>();
  const own = (target: Target, create: boolean): Map<MetadataKey, unknown> | undefined => {
    let m = store.get(target);
    if (m === undefined && create) {
      m = new Map();
      store.set(target, m);
    }
    return m;
  };
  const api: ReflectMetadata = {
    defineMetadata: (key, value, target) => void own(target, true)?.set(key, value),
    getOwnMetadata: (key, target) => own(target, false)?.get(key),
    getMetadata: (key, target) => {
      for (let t: Target | null = target; t !== null; t = Object.getPrototypeOf(t) as Target | null) {
        const v = own(t, false)?.get(key);
        if (v !== undefined) return v;
      }
      return undefined;
    },
    metadata: (key, value) => (target) => api.defineMetadata(key, value, target),
  };
  Object.assign(Reflect, api);
}

export {};
