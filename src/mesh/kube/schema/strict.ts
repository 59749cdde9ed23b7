/**
 * Strict field validation ("unknown field" errors) without a second copy of every schema.
 *
 * The schema validators are generated code that checks each property it knows by reading it
 * (`data.hosts !== undefined`), and enumerates an object's keys only where any key is allowed (maps,
 * preserve-unknown-fields). So we validate through read-tracking proxies and afterwards compare each
 * object's keys with what the validator read: a key it never looked at, in an object whose properties it
 * did check one by one, is a field the schema does not have. An object whose keys it enumerated, or of which
 * it read nothing (a free-form object), accepts anything.
 */

interface ReadRecord {
  keys: Set<string>;
  enumerated: boolean;
}

export interface ReadTracker {
  /** The proxy to hand to the validator. */
  proxy: object;
  /** After validation: the unknown fields, as kubectl paths (`spec.http[0].rout`), outermost first. */
  unknownFields(): string[];
}

export function trackReads(root: object): ReadTracker {
  const records = new Map<object, ReadRecord>();
  const proxies = new WeakMap<object, object>();

  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const cached = proxies.get(value);
    if (cached !== undefined) return cached;
    const record: ReadRecord = { keys: new Set(), enumerated: false };
    records.set(value, record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') record.keys.add(key);
        return wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === 'string') record.keys.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };

  const proxy = wrap(root) as object;
  return {
    proxy,
    unknownFields: () => {
      const found: string[] = [];
      collectUnknown(root, '', records, found);
      return found;
    },
  };
}

function collectUnknown(value: unknown, path: string, records: Map<object, ReadRecord>, found: string[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectUnknown(item, `${path}[${i}]`, records, found));
    return;
  }
  const record = records.get(value);
  if (record === undefined) return; // the validator never reached it: inside a free-form or unknown field
  const checksEachKey = !record.enumerated && record.keys.size > 0;
  for (const key of Object.keys(value)) {
    const child = path === '' ? key : `${path}.${key}`;
    if (checksEachKey && !record.keys.has(key)) {
      found.push(child);
      continue;
    }
    collectUnknown((value as Record<string, unknown>)[key], child, records, found);
  }
}
