/**
 * Sends the learner's queued check runs to the workshop server: the queue lives in localStorage (one key per
 * workshop) and is written before any request, so a run survives a reload; one flush at a time; what the server
 * recorded leaves the queue; while the network or the server is down, retries back off (and `wake`, on the
 * browser's `online` event, tries again at once).
 */
import type { CheckRun, ReportRunsAnswer } from '../../workshop/protocol';
import { enqueue, nextBatch, readQueue, retryDelay, settle, without } from './report-queue';

export const queueKey = (workshopId: string): string => `meshdojo.workshop.runs.${workshopId}`;

/** What a POST /api/me/runs came to: the server's answer, or `undefined` when no answer arrived at all. */
export type PostOutcome = { readonly status: number; readonly answer?: ReportRunsAnswer } | undefined;

export interface SenderDeps {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly post: (runs: readonly CheckRun[]) => Promise<PostOutcome>;
  readonly setTimer: (run: () => void, ms: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
}

export class ReportSender {
  private memory: CheckRun[] = [];
  private flushing: Promise<void> | undefined;
  private attempt = 0;
  private timer: unknown;

  constructor(
    private readonly workshopId: string,
    private readonly deps: SenderDeps,
  ) {}

  get queued(): readonly CheckRun[] {
    return this.read();
  }

  add(run: CheckRun): Promise<void> {
    this.write(enqueue(this.read(), run));
    return this.flush();
  }

  /** The network is back (or the page just loaded): try now instead of waiting for the backoff. */
  wake(): Promise<void> {
    this.attempt = 0;
    return this.flush();
  }

  flush(): Promise<void> {
    this.flushing ??= this.sendAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async sendAll(): Promise<void> {
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
    for (let batch = nextBatch(this.read()); batch.length > 0; batch = nextBatch(this.read())) {
      const outcome = await this.deps.post(batch).catch(() => undefined);
      if (outcome?.answer !== undefined) {
        this.attempt = 0;
        this.write(settle(this.read(), outcome.answer));
      } else if (outcome?.status === 400 || outcome?.status === 413 || outcome?.status === 409) {
        // Refused for what it is (or the workshop closed): sending it again cannot help.
        this.write(without(this.read(), batch));
      } else if (outcome?.status === 401 || outcome?.status === 403 || outcome?.status === 404) {
        return; // the seat is gone: keep the runs, in case the learner joins again
      } else {
        this.attempt += 1;
        this.timer = this.deps.setTimer(() => void this.flush(), retryDelay(this.attempt));
        return;
      }
    }
  }

  private read(): CheckRun[] {
    try {
      const text = this.deps.storage?.getItem(queueKey(this.workshopId));
      return text === undefined ? [...this.memory] : readQueue(text);
    } catch {
      return [...this.memory];
    }
  }

  private write(queue: readonly CheckRun[]): void {
    this.memory = [...queue];
    try {
      this.deps.storage?.setItem(queueKey(this.workshopId), JSON.stringify(queue));
    } catch {
      // Storage full or forbidden: the queue lives in memory for as long as the page does.
    }
  }
}
