import type { HopKind, HopRecord, RequestRecord } from './request-record';

/** What a connection manager tells the recorder when a request arrives. */
export interface HopStart {
  readonly proxy: string;
  readonly kind: HopKind;
  readonly listener: string;
  readonly filterChain: string;
  readonly destination: string;
  readonly downstreamPeer: string | undefined;
  readonly requestId: string;
  /** True when this proxy generated the x-request-id (the request entered the mesh here). */
  readonly generatedId: boolean;
  readonly method: string;
  readonly authority: string;
  readonly path: string;
  readonly startMs: number;
}

/**
 * What a proxy records through (one per cluster, shared by every proxy). A proxy with none allocates
 * nothing for it: every recording site is `stream.hop?.…`.
 */
export interface RequestRecorder {
  startHop(start: HopStart): HopRecord;
}

/** A request with more hops than this is a loop; the rest are not kept. */
const MAX_HOPS = 64;
const MAX_CHILDREN = 64;

/**
 * The cluster's recent requests: a ring of the last `capacity` requests as their clients made them, each
 * with its hops and the requests made while serving it. Hops of one request meet by x-request-id: a hop
 * belongs to the request whose earlier hop sent to its address; a client-side hop on a pod that is serving
 * a request with the same id is a call the app made for it (the app propagated the id), so it nests there.
 */
export class RequestLog implements RequestRecorder {
  /** While false, proxies record nothing (the recorder they are handed is undefined). */
  enabled = true;
  /** Hops recorded so far: a view of the log (the workbench's Requests tab) knows when there is news. */
  hopsStarted = 0;
  private readonly ring: RequestRecord[] = [];
  private next = 0;
  /**
   * The records of the newest kept request with each x-request-id (it and the calls nested in it), in the order
   * they were made: where a later hop with that id looks for its request. A client that reuses an id starts a
   * new list, so evicting a request forgets its list in one step.
   */
  private readonly byId = new Map<string, RequestRecord[]>();

  constructor(readonly capacity = 100) {}

  startHop(start: HopStart): HopRecord {
    this.hopsStarted++;
    const hop: HopRecord = {
      proxy: start.proxy,
      kind: start.kind,
      listener: start.listener,
      filterChain: start.filterChain,
      destination: start.destination,
      downstreamPeer: start.downstreamPeer,
      startMs: start.startMs,
      endMs: -1,
      decisions: [],
      endpoints: [],
      status: 0,
      flags: '-',
      details: '-',
    };
    const same = start.generatedId ? undefined : this.byId.get(start.requestId);
    if (same !== undefined) {
      const target = lastThatSentTo(same, start.destination);
      if (target !== undefined) {
        if (target.hops.length < MAX_HOPS) target.hops.push(hop);
        return hop;
      }
      if (start.kind !== 'inbound') {
        const parent = lastServedBy(same, start.proxy);
        if (parent !== undefined) {
          const child = this.newRecord(start, hop);
          same.push(child);
          if (parent.children.length < MAX_CHILDREN) parent.children.push(child);
          return hop;
        }
      }
    }
    const record = this.newRecord(start, hop);
    this.byId.set(start.requestId, [record]);
    this.keep(record);
    return hop;
  }

  /** The kept requests, oldest first. */
  list(): RequestRecord[] {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  last(): RequestRecord | undefined {
    return this.ring.length === 0 ? undefined : this.ring[(this.next - 1 + this.ring.length) % this.ring.length];
  }

  /** The newest kept request the client made with this x-request-id (a unique prefix will do). */
  find(requestId: string): RequestRecord | undefined {
    const roots = this.list().reverse();
    const exact = roots.find((r) => r.requestId === requestId);
    if (exact !== undefined || requestId === '') return exact;
    const prefixed = roots.filter((r) => r.requestId.startsWith(requestId));
    return new Set(prefixed.map((r) => r.requestId)).size === 1 ? prefixed[0] : undefined;
  }

  clear(): void {
    this.ring.length = 0;
    this.next = 0;
    this.byId.clear();
  }

  private newRecord(start: HopStart, hop: HopRecord): RequestRecord {
    return {
      requestId: start.requestId,
      method: start.method,
      authority: start.authority,
      path: start.path,
      startMs: start.startMs,
      hops: [hop],
      children: [],
    };
  }

  private keep(record: RequestRecord): void {
    if (this.ring.length < this.capacity) {
      this.ring.push(record);
      this.next = this.ring.length % this.capacity;
      return;
    }
    const evicted = this.ring[this.next]!;
    this.forget(evicted);
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
  }

  /** An evicted request takes its nested calls along; a newer request with its id keeps its own list. */
  private forget(record: RequestRecord): void {
    if (this.byId.get(record.requestId)?.[0] === record) this.byId.delete(record.requestId);
  }
}

// The two searches of startHop, as plain loops: they run for every hop recorded, and closures per call cost
// more there than the search itself.

/** The newest record one of whose hops sent to `destination`. */
function lastThatSentTo(records: readonly RequestRecord[], destination: string): RequestRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    for (const hop of record.hops) if (hop.endpoints.includes(destination)) return record;
  }
  return undefined;
}

/** The newest record that reached `proxy` inbound: the request its app is serving. */
function lastServedBy(records: readonly RequestRecord[], proxy: string): RequestRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    for (const hop of record.hops) if (hop.kind === 'inbound' && hop.proxy === proxy) return record;
  }
  return undefined;
}
