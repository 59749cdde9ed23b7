import type { OutlierEvent, OutlierEventSink } from './types';

/** Drops events: for clusters nobody watches. */
export const NULL_OUTLIER_EVENT_SINK: OutlierEventSink = { log(): void {} };

/** Keeps the most recent events in memory (the UI's ejection timeline, tests). */
export class RecordingOutlierEventSink implements OutlierEventSink {
  private readonly buffer: OutlierEvent[] = [];

  constructor(private readonly capacity = 1000) {}

  log(event: OutlierEvent): void {
    this.buffer.push(event);
    if (this.buffer.length > this.capacity) this.buffer.shift();
  }

  events(): readonly OutlierEvent[] {
    return this.buffer;
  }

  clear(): void {
    this.buffer.length = 0;
  }
}

/** Sends each event to several sinks (access log + UI). */
export function fanOutEventSink(...sinks: OutlierEventSink[]): OutlierEventSink {
  return {
    log(event: OutlierEvent): void {
      for (const sink of sinks) sink.log(event);
    },
  };
}
