/**
 * A running line's output on its way to the page, in batches: a program that prints in a tight loop would
 * otherwise send thousands of messages a second, which the page counts as a flood and ends the Worker for
 * (worker-client.ts). At most one message per BATCH_MS; `flush` sends the rest at once (before the line's reply).
 */
export const BATCH_MS = 50;

export class OutputBatch {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (text: string) => void) {}

  add(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.send(text);
  }
}
