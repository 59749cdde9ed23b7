import { isDeepStrictEqual } from '../../kube';

/**
 * What changed since the last push (Istio's PushRequest). A full push may change any resource type; an
 * endpoint-only push (pods coming and going) touches EDS alone in Istio. Requests that arrive within one
 * debounce window merge into one.
 */
export type TriggerReason =
  'ConfigUpdate' | 'ServiceUpdate' | 'EndpointUpdate' | 'ProxyUpdate' | 'GlobalUpdate' | 'SecretTrigger';

export interface ConfigKey {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface PushRequest {
  readonly full: boolean;
  readonly configsUpdated: readonly ConfigKey[];
  /** How many events of each reason were merged into this request. */
  readonly reasons: Readonly<Partial<Record<TriggerReason, number>>>;
}

function keyString(k: ConfigKey): string {
  return `${k.kind}/${k.namespace}/${k.name}`;
}

export function mergePushRequests(a: PushRequest | undefined, b: PushRequest): PushRequest {
  if (a === undefined) return b;
  const seen = new Set(a.configsUpdated.map(keyString));
  const configsUpdated = [...a.configsUpdated, ...b.configsUpdated.filter((k) => !seen.has(keyString(k)))];
  const reasons: Partial<Record<TriggerReason, number>> = { ...a.reasons };
  for (const [reason, n] of Object.entries(b.reasons) as Array<[TriggerReason, number]>)
    reasons[reason] = (reasons[reason] ?? 0) + n;
  return { full: a.full || b.full, configsUpdated, reasons };
}

/** The push a change to one kube object asks for: pods only move endpoints; everything else is a full push. */
export function pushRequestForObject(obj: {
  kind: string;
  metadata: { name: string; namespace?: string };
}): PushRequest {
  const key = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name };
  if (obj.kind === 'Pod') return { full: false, configsUpdated: [key], reasons: { EndpointUpdate: 1 } };
  // A gateway's credential changed: Istio pushes the new certificate over SDS.
  if (obj.kind === 'Secret') return { full: true, configsUpdated: [key], reasons: { SecretTrigger: 1 } };
  if (obj.kind === 'Service' || obj.kind === 'ServiceEntry')
    return { full: true, configsUpdated: [key], reasons: { ServiceUpdate: 1 } };
  return { full: true, configsUpdated: [key], reasons: { ConfigUpdate: 1 } };
}

/**
 * Whether endpoints moved in a way clusters see: a service's set of workload identities changed (the SANs its
 * clusters verify, istiod's `UpdateServiceEndpoints` returning FullPush when service accounts change). An
 * endpoint-only push would leave every client verifying the old set.
 */
export function serviceAccountsChanged(
  before: ReadonlyArray<{ hostname: string; endpoints: ReadonlyArray<{ serviceAccount: string | undefined }> }>,
  after: typeof before,
): boolean {
  const accounts = (services: typeof before) =>
    new Map(
      services.map((s) => [s.hostname, [...new Set(s.endpoints.map((e) => e.serviceAccount ?? ''))].sort().join()]),
    );
  const [was, now] = [accounts(before), accounts(after)];
  for (const [host, set] of now) if (was.has(host) && was.get(host) !== set) return true;
  return false;
}

/**
 * Whether two snapshots give every proxy the same endpoints: the same services (with their endpoints), workloads
 * and proxies. Everything else a snapshot holds comes from config, whose changes are full pushes.
 */
export function sameEndpoints(
  a: { readonly services: unknown; readonly workloads: unknown; readonly proxies: unknown },
  b: typeof a,
): boolean {
  return (
    a === b ||
    (isDeepStrictEqual(a.services, b.services) &&
      isDeepStrictEqual(a.workloads, b.workloads) &&
      isDeepStrictEqual(a.proxies, b.proxies))
  );
}
