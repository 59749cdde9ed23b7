/**
 * Compares the learner's routes with istiod's, as Envoy would read them: both are cut down to the lab's shape
 * (route-types.ts) with istioctl's field names (protobuf's JSON names, which Envoy reads as it reads the .proto
 * names istiod's objects use, so either spelling from the learner counts), header matchers and weighted clusters lose their order (Envoy ANDs the one and shares by
 * weight over the other), and durations are compared by value (`0.25s` and `0.250s` are the same timeout).
 * The answer is the first difference, as a short JSON path and the two values.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RouteDifference {
  readonly path: string;
  readonly expected: string;
  readonly seen: string;
}

export interface CompareOptions {
  /** Steps 1–3 grade where a request goes; step 4 also how long it may take and how it is retried. */
  readonly timeouts: boolean;
}

const object = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Only the fields the lab's shape has, in one order, with undefined left out. */
function pick(value: unknown, keys: readonly string[], shape: (key: string, v: unknown) => Json): Json {
  const source = object(value);
  if (source === undefined) return value === undefined ? null : (value as Json);
  const out: Record<string, Json> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = shape(key, source[key]);
  return out;
}

const asIs = (_key: string, v: unknown): Json => v as Json;

function stringMatcher(value: unknown): Json {
  return pick(value, ['exact', 'prefix', 'safeRegex'], (key, v) =>
    key === 'safeRegex' ? pick(v, ['regex'], asIs) : (v as Json),
  );
}

const byText = (a: Json, b: Json): number => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

function unordered(value: unknown, each: (item: unknown) => Json): Json {
  return Array.isArray(value) ? value.map(each).sort(byText) : (value as Json);
}

/** Seconds in Envoy's JSON form (`2s`, `0.25s`), kept as written when it is not one. */
function duration(value: unknown): Json {
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  return m === null ? (value as Json) : `${Number(m[1])}s`;
}

function routeMatch(value: unknown): Json {
  return pick(value, ['path', 'prefix', 'safeRegex', 'headers'], (key, v) => {
    if (key === 'safeRegex') return pick(v, ['regex'], asIs);
    if (key === 'headers')
      return unordered(v, (h) =>
        pick(h, ['name', 'stringMatch', 'presentMatch'], (k, x) =>
          k === 'stringMatch' ? stringMatcher(x) : (x as Json),
        ),
      );
    return v as Json;
  });
}

function routeAction(value: unknown, options: CompareOptions): Json {
  const keys = ['cluster', 'weightedClusters', ...(options.timeouts ? ['timeout', 'retryPolicy'] : [])];
  return pick(value, keys, (key, v) => {
    if (key === 'weightedClusters')
      return pick(v, ['clusters'], (_k, clusters) => unordered(clusters, (c) => pick(c, ['name', 'weight'], asIs)));
    if (key === 'timeout') return duration(v);
    if (key === 'retryPolicy')
      return pick(v, ['retryOn', 'numRetries', 'perTryTimeout', 'retriableStatusCodes'], (k, x) =>
        k === 'perTryTimeout' ? duration(x) : (x as Json),
      );
    return v as Json;
  });
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  const source = object(value);
  if (source === undefined) return value;
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
}

/** The lab's shape with the .proto field names, as istiod's routes and the proxies' config carry them. */
export function protoNames(value: Json): unknown {
  return renameKeys(value, snake);
}

/** A list of routes (istiod's or the learner's) in the lab's shape. */
export function labShape(value: unknown, options: CompareOptions): Json {
  const routes = renameKeys(value, camel);
  if (!Array.isArray(routes)) return routes === undefined ? null : (routes as Json);
  return routes.map((r) =>
    pick(r, ['match', 'route'], (key, v) => (key === 'match' ? routeMatch(v) : routeAction(v, options))),
  );
}

const show = (value: Json | undefined): string => (value === undefined ? '(none)' : JSON.stringify(value));

/** The first place two JSON values differ, depth first, or undefined when they are the same. */
export function firstDifference(
  expected: Json | undefined,
  seen: Json | undefined,
  path = 'routes',
): RouteDifference | undefined {
  if (JSON.stringify(expected) === JSON.stringify(seen)) return undefined;
  if (Array.isArray(expected) && Array.isArray(seen)) {
    for (let i = 0; i < Math.max(expected.length, seen.length); i++) {
      const d = firstDifference(expected[i], seen[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
  }
  const e = object(expected) as Record<string, Json> | undefined;
  const s = object(seen) as Record<string, Json> | undefined;
  if (e !== undefined && s !== undefined) {
    for (const key of new Set([...Object.keys(e), ...Object.keys(s)])) {
      const d = firstDifference(e[key], s[key], `${path}.${key}`);
      if (d !== undefined) return d;
    }
  }
  return { path, expected: show(expected), seen: show(seen) };
}
