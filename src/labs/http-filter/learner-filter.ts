/**
 * Lab 1.4's bridge from the learner's small filter API (files/filter-types.ts) to the proxies' own
 * (`HttpFilterFactory` of src/mesh/envoy). The learner never touches a proxy's stream or stats: the bridge hands
 * them a read-only view of the request and a counter, and turns their answer into a local reply. Anything else
 * they return is an error, which the proxy's plugin guard turns into a 500 naming the filter: an answer that
 * would stall (a Promise) or that means nothing must not leave a request hanging.
 */
import { localReply, type HttpFilter, type HttpFilterFactory, type SimCluster } from '../mesh';
import type { Bilingual } from '../schema';
import { both } from '../grader/text';
import type * as Learner from './files/filter-types';

/** The export of tenant-guard.ts the sidecars register. */
export const FILTER_EXPORT = 'tenantGuard';
const COUNTER_NAME = /^[a-z][a-z0-9_]*$/;

/** The learner's module did not give the sidecars a filter; `seen` says why, in both languages. */
export class NoFilter extends Error {
  constructor(readonly seen: Bilingual) {
    super(seen.en);
  }
}

/** The learner's factory as exported, or a NoFilter saying what is missing. */
function learnerFactory(load: () => Record<string, unknown>): Learner.HttpFilterFactory<unknown> {
  const exported = load()[FILTER_EXPORT] as Partial<Learner.HttpFilterFactory<unknown>> | undefined;
  if (typeof exported !== 'object' || exported === null) {
    throw new NoFilter(
      both('tenant-guard.ts에 tenantGuard export가 없습니다', 'tenant-guard.ts exports no tenantGuard'),
    );
  }
  if (typeof exported.name !== 'string' || typeof exported.createFilter !== 'function') {
    throw new NoFilter(
      both(
        'tenantGuard에 name(문자열)과 createFilter(함수)가 있어야 합니다',
        'tenantGuard needs a name (a string) and createFilter (a function)',
      ),
    );
  }
  return exported as Learner.HttpFilterFactory<unknown>;
}

const describe = (value: unknown): string =>
  value instanceof Promise
    ? 'a Promise'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'an object'
        : (JSON.stringify(value) ?? String(value));

function isLocalReply(value: unknown): value is Learner.LocalReply {
  if (typeof value !== 'object' || value === null) return false;
  const { status, body } = value as Partial<Learner.LocalReply>;
  return Number.isInteger(status) && status! >= 200 && status! <= 599 && typeof body === 'string';
}

/** What a proxy's chain gets from the learner's decodeHeaders answer: continue, or the local reply. */
function decodeAnswer(answer: unknown): ReturnType<NonNullable<HttpFilter['decodeHeaders']>> {
  if (answer === 'continue') return undefined;
  if (isLocalReply(answer)) {
    const headers = Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    return localReply(answer.status, answer.body, headers);
  }
  throw new Error(`decodeHeaders returned ${describe(answer)}: return 'continue' or a local reply { status, body }`);
}

/** The request as the learner's filter sees it: a copy, so a filter cannot rewrite what the router reads. */
function requestView(request: { method: string; path: string; authority: string; headers: Record<string, string> }) {
  return Object.freeze({
    method: request.method,
    path: request.path,
    authority: request.authority,
    headers: Object.freeze({ ...request.headers }),
  });
}

/** Envoy keeps header names lower-case (LowerCaseString) and values as strings, whatever a filter wrote. */
function normalizeHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== name) delete headers[name];
    headers[lower] = String(value);
  }
}

/** The learner's factory as the proxies register it. */
export function proxyFilterFactory(load: () => Record<string, unknown>): HttpFilterFactory {
  const factory = learnerFactory(load);
  // Envoy names a filter's stats by its short name (`envoy.filters.http.rbac` counts under `rbac.`).
  const statName = factory.name.slice(factory.name.lastIndexOf('.') + 1);
  return {
    name: factory.name,
    createFilter: (config, context) => {
      const value = config === undefined ? undefined : withoutTypeUrl(config);
      const filter = factory.createFilter(value, {
        count: (name) => {
          if (typeof name !== 'string' || !COUNTER_NAME.test(name)) {
            throw new Error(`count(${JSON.stringify(name)}): a counter name is lower-case letters, digits and _`);
          }
          context.stats.counter(`http.${context.statPrefix}.${statName}.${name}`).value++;
        },
      });
      const decode = filter.decodeHeaders;
      const encode = filter.encodeHeaders;
      return {
        ...(decode !== undefined && {
          decodeHeaders: (stream) => decodeAnswer(decode.call(filter, requestView(stream.request))),
        }),
        ...(encode !== undefined && {
          encodeHeaders: (stream, response) => {
            encode.call(filter, requestView(stream.request), { status: response.status, headers: response.headers });
            normalizeHeaders(response.headers);
          },
        }),
      };
    },
  };
}

/** typed_config as the learner wrote it in the EnvoyFilter's `value`: the `@type` the TypedStruct left is ours. */
function withoutTypeUrl(config: unknown): unknown {
  if (typeof config !== 'object' || config === null) return config;
  const { ['@type']: _type, ...value } = config as Record<string, unknown>;
  return value;
}

/** Registers the learner's filter in every sidecar of `cluster`; returns why a sidecar refused it, if one did. */
export function installFilter(load: () => Record<string, unknown>, cluster: SimCluster): Bilingual | undefined {
  const refused = cluster.setProxyExtensions({ httpFilters: [proxyFilterFactory(load)] });
  const why = refused[0]?.message;
  return why === undefined
    ? undefined
    : both(`사이드카가 필터를 거부함: ${why}`, `a sidecar refused the filter: ${why}`);
}
