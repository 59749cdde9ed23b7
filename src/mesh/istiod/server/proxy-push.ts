import type { Clock } from '../../sim';
import type { ConfigUpdate, ResourceKind } from '../../xds';
import type { MeshSnapshot } from '../model/snapshot';
import type { XdsConnection, XdsPushResult } from './connection';
import { XDS_TYPE_OF, type TypeSyncState, type XdsType } from './sync-status';

/** One push to one proxy and how it was answered (for the UI and tests). */
export interface PushRecord {
  readonly proxyId: string;
  readonly version: string;
  readonly nonce: string;
  readonly types: readonly XdsType[];
  readonly ack: boolean;
  readonly message?: string;
  readonly at: number;
}

/** What istiod keeps per connected proxy (pilot's Connection and its per-type WatchedResources). */
export interface ProxyState {
  readonly conn: XdsConnection;
  /** JSON of what the proxy last acknowledged, per resource kind. */
  readonly acked: Partial<Record<ResourceKind, string>>;
  readonly sync: Record<XdsType, TypeSyncState>;
  /** Pushes to one proxy go one at a time, in order. */
  queue: Promise<void>;
  /** The snapshot of the last push queued for the proxy: what its endpoints will come from. */
  basis?: MeshSnapshot;
}

/** Envoy's order: clusters before endpoints, listeners before routes; secrets first so TLS can warm. */
export const KINDS: readonly ResourceKind[] = ['secrets', 'clusters', 'endpoints', 'listeners', 'routes'];

export function newProxyState(conn: XdsConnection): ProxyState {
  const empty = (): TypeSyncState => ({});
  return {
    conn,
    acked: {},
    sync: { CDS: empty(), LDS: empty(), EDS: empty(), RDS: empty(), SDS: empty() },
    queue: Promise.resolve(),
  };
}

/**
 * Sends the proxy the resource types that differ from what it acknowledged, plus any type it has not
 * acknowledged (so a NACKed type gets the next config), and books the answer: an ACK moves the acked
 * version and nonce up, a NACK is kept with its message. Undefined when there was nothing to send.
 */
export async function pushChangedResources(
  state: ProxyState,
  resources: Partial<Record<ResourceKind, unknown[]>>,
  kinds: readonly ResourceKind[],
  version: string,
  newNonce: () => string,
  clock: Clock,
): Promise<PushRecord | undefined> {
  const update: ConfigUpdate = {};
  const sent: Array<[ResourceKind, string]> = [];
  for (const kind of kinds) {
    const list = resources[kind];
    if (list === undefined) continue;
    const json = JSON.stringify(list);
    const sync = state.sync[XDS_TYPE_OF[kind]];
    if (json === state.acked[kind] && sync.nonceSent === sync.nonceAcked) continue;
    (update as Record<ResourceKind, unknown[]>)[kind] = list;
    sent.push([kind, json]);
  }
  if (sent.length === 0) return undefined;
  const nonce = newNonce();
  update.version_info = version;
  const sentAt = clock.now();
  for (const [kind] of sent)
    Object.assign(state.sync[XDS_TYPE_OF[kind]], { versionSent: version, nonceSent: nonce, sentAt });
  let result: XdsPushResult;
  try {
    result = await state.conn.push({ version, nonce, resources: update });
  } catch (error) {
    result = { ack: false, message: error instanceof Error ? error.message : String(error) };
  }
  const at = clock.now();
  for (const [kind, json] of sent) {
    const sync = state.sync[XDS_TYPE_OF[kind]];
    if (sync.nonceSent !== nonce) continue;
    if (result.ack) {
      state.acked[kind] = json;
      sync.versionAcked = version;
      sync.nonceAcked = nonce;
      delete sync.lastNack;
    } else sync.lastNack = { version, nonce, message: result.message, at };
  }
  const types = sent.map(([k]) => XDS_TYPE_OF[k]);
  return result.ack
    ? { proxyId: state.conn.node.id, version, nonce, types, ack: true, at }
    : { proxyId: state.conn.node.id, version, nonce, types, ack: false, message: result.message, at };
}
