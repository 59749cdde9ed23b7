/**
 * How a stored event row becomes a WorkshopEvent and back: the columns both stores share (seq, type, at) plus the
 * rest of the event as JSON, so a new event type needs no new column in either database.
 */
import type { WorkshopEvent, WorkshopEventType } from '../protocol';

export interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly data: string;
}

type EventBody = WorkshopEvent extends infer E ? (E extends WorkshopEvent ? Omit<E, 'seq' | 'at'> : never) : never;

/** The JSON kept in the row's `data`: the event without the columns. */
export function eventData(event: EventBody): string {
  const { type: _type, ...rest } = event;
  return JSON.stringify(rest);
}

export function eventFromRow(row: EventRow): WorkshopEvent {
  return {
    ...(JSON.parse(row.data) as object),
    seq: Number(row.seq),
    at: Number(row.at),
    type: row.type as WorkshopEventType,
  } as WorkshopEvent;
}

export type { EventBody };
