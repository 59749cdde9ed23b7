import type { HopRecord, RequestRecord } from './request-record';

/** The request a hop serves, as a new record names it (an HttpRequest will do). */
export interface RequestHead {
  readonly method: string;
  readonly authority: string;
  readonly path: string;
}

/**
 * What a proxy records through (one per cluster, shared by every proxy). A proxy with none allocates
 * nothing for it: every recording site is `stream.hop?.…`.
 */
export interface RequestRecorder {
  /**
   * Files a hop the proxy has just started (`generatedId`: this proxy generated the x-request-id, so the
   * request entered the mesh here). The proxy fills in its decisions and its end as they happen.
   */
  startHop(hop: HopRecord, requestId: string, generatedId: boolean, request: RequestHead): void;
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

  startHop(hop: HopRecord, requestId: string, generatedId: boolean, request: RequestHead): void {
    this.hopsStarted++;
    const same = generatedId ? undefined : this.byId.get(requestId);
    if (same !== undefined) {
      const target = lastThatSentTo(same, hop.destination);
      if (target !== undefined) {
        if (target.hops.length < MAX_HOPS) target.hops.push(hop);
        return;
      }
      if (hop.kind !== 'inbound') {
        const parent = lastServedBy(same, hop.proxy);
        if (parent !== undefined) {
          const child = newRecord(hop, requestId, request);
          same.push(child);
          if (parent.children.length < MAX_CHILDREN) parent.children.push(child);
          return;
        }
      }
    }
    const record = newRecord(hop, requestId, request);
    this.byId.set(requestId, [record]);
    this.keep(record);
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

function newRecord(hop: HopRecord, requestId: string, request: RequestHead): RequestRecord {
  return {
    requestId,
    method: request.method,
    authority: request.authority,
    path: request.path,
    startMs: hop.startMs,
    hops: [hop],
    children: [],
  };
}

// The two searches of startHop, as plain loops: they run for every hop recorded, and closures per call cost
// more there than the search itself.

/** The newest record one of whose hops sent to `destination`. */
function lastThatSentTo(records: readonly RequestRecord[], destination: string): RequestRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]!;
    for (const hop of record.hops)
      for (const d of hop.decisions) if (d.kind === 'endpoint' && d.endpoint === destination) return record;
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
