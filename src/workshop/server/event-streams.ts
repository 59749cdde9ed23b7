/**
 * The live streams (Server-Sent Events through better-sse): the instructor's board gets every event of a workshop,
 * a learner's page the room-wide ones (LEARNER_EVENT_TYPES). When the store says a workshop has new events, one
 * read serves every stream of that workshop, so 300 learners cost one query per change, not 300. Each stream
 * resumes after the seq its page last saw (Last-Event-ID, or ?lastEventId= for the first connection, which an
 * EventSource cannot give a header), so a page that reconnects misses nothing and gets nothing twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSession, type Session } from 'better-sse';
import type { WorkshopEvent, WorkshopEventType } from '../protocol';
import type { WorkshopStore } from './store';

/** A comment this often keeps proxies and the browser from closing an idle stream. */
export const PING_INTERVAL_MS = 15_000;

interface Stream {
  readonly session: Session;
  readonly response: ServerResponse;
  readonly types?: ReadonlySet<WorkshopEventType>;
  /** The last seq this stream has seen (sent or filtered out), and the last id its page holds. */
  cursor: number;
  sentId: number;
}

export interface EventStreams {
  open(
    req: IncomingMessage,
    res: ServerResponse,
    workshopId: string,
    types?: readonly WorkshopEventType[],
  ): Promise<void>;
  /** Ends every stream (the server is stopping). */
  closeAll(): void;
}

export function createEventStreams(store: WorkshopStore): EventStreams {
  const streams = new Map<string, Set<Stream>>();
  /** Per workshop: the delivery under way, and whether another was asked for meanwhile. */
  const pumps = new Map<string, { again: boolean }>();

  async function pump(workshopId: string): Promise<void> {
    const running = pumps.get(workshopId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    pumps.set(workshopId, state);
    try {
      while (state.again) {
        state.again = false;
        const listening = [...(streams.get(workshopId) ?? [])];
        if (listening.length === 0) break;
        const from = Math.min(...listening.map((stream) => stream.cursor));
        deliver(listening, await store.events(workshopId, from));
      }
    } finally {
      pumps.delete(workshopId);
    }
  }

  function deliver(listening: readonly Stream[], events: readonly WorkshopEvent[]): void {
    for (const stream of listening) {
      if (!stream.session.isConnected) continue;
      for (const event of events) {
        if (event.seq <= stream.cursor) continue;
        stream.cursor = event.seq;
        if (stream.types && !stream.types.has(event.type)) continue;
        stream.session.push(event, event.type, String(event.seq));
        stream.sentId = event.seq;
      }
    }
  }

  const unsubscribe = store.subscribe((workshopId) => {
    if (streams.has(workshopId)) void pump(workshopId).catch(logDeliveryError);
  });

  return {
    async open(req, res, workshopId, types) {
      const session = await createSession(req, res, { keepAlive: PING_INTERVAL_MS, retry: 2000 });
      const lastSeen = Number.parseInt(session.lastId, 10);
      const cursor = Number.isSafeInteger(lastSeen) && lastSeen > 0 ? lastSeen : 0;
      const stream: Stream = {
        session,
        response: res,
        cursor,
        sentId: cursor,
        ...(types ? { types: new Set(types) } : {}),
      };
      const marking = types ? setInterval(() => markSeen(stream), PING_INTERVAL_MS) : undefined;
      const set = streams.get(workshopId) ?? new Set();
      set.add(stream);
      streams.set(workshopId, set);
      session.once('disconnected', () => {
        clearInterval(marking);
        set.delete(stream);
        if (set.size === 0 && streams.get(workshopId) === set) streams.delete(workshopId);
      });
      await pump(workshopId);
    },
    closeAll() {
      unsubscribe();
      for (const set of streams.values()) for (const stream of set) stream.response.end();
      streams.clear();
    },
  };
}

/**
 * A learner's stream skips most events (other learners' runs), so the id its page would resume from lags behind.
 * An event with an id and no data moves the page's Last-Event-ID without an event (the SSE spec sets the id before
 * it drops an empty event), so a reconnecting page does not make the server read back what it skipped.
 */
export function markSeen(stream: Pick<Stream, 'cursor' | 'sentId' | 'response' | 'session'>): void {
  if (stream.cursor <= stream.sentId || !stream.session.isConnected) return;
  stream.response.write(`id: ${stream.cursor}\n\n`);
  stream.sentId = stream.cursor;
}

function logDeliveryError(error: unknown): void {
  console.error('workshop: could not deliver events:', error);
}
