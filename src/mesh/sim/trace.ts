import type { Clock } from './clock';

export type TraceValue = string | number | boolean | undefined;

/** One simulation event: when, what, and the facts that identify it. */
export interface TraceEvent {
  readonly time: number;
  readonly kind: string;
  readonly fields: Readonly<Record<string, TraceValue>>;
}

export interface TraceOptions {
  /** Keep at most this many events (default 100,000); later ones are counted, not stored. */
  limit?: number;
}

/**
 * Append-only record of what the simulation did. Two runs with the same seed and inputs produce the same
 * `toString()` byte for byte, which is how tests prove determinism and how a learner sees what happened.
 * Events carry no wall-clock time and no random ids, so they replay exactly.
 */
export class Trace {
  private readonly items: TraceEvent[] = [];
  private readonly limit: number;
  private dropped = 0;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    options: TraceOptions = {},
  ) {
    this.limit = options.limit ?? 100_000;
  }

  record(kind: string, fields: Record<string, TraceValue> = {}): void {
    if (this.items.length >= this.limit) {
      this.dropped++;
      return;
    }
    this.items.push({ time: this.clock.now(), kind, fields });
  }

  get events(): readonly TraceEvent[] {
    return this.items;
  }

  /** Events recorded beyond the limit. */
  get droppedCount(): number {
    return this.dropped;
  }

  /** Events whose kind equals `kind` or starts with `kind` + '.'. */
  ofKind(kind: string): TraceEvent[] {
    return this.items.filter((e) => e.kind === kind || e.kind.startsWith(`${kind}.`));
  }

  toString(): string {
    const lines = this.items.map(formatTraceEvent);
    if (this.dropped > 0) lines.push(`… ${this.dropped} more events not kept (trace limit ${this.limit})`);
    return lines.join('\n');
  }
}

export function formatTraceEvent(event: TraceEvent): string {
  let line = `${event.time.toFixed(3).padStart(12)}ms ${event.kind}`;
  for (const [key, value] of Object.entries(event.fields)) {
    if (value === undefined) continue;
    line += ` ${key}=${formatValue(value)}`;
  }
  return line;
}

function formatValue(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return value !== '' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}
