import type { AccessLogSink } from '../access-log/access-loggers';

/**
 * The istio-proxy container's output as `kubectl logs -c istio-proxy` reads it: what the access loggers write
 * to /dev/stdout and /dev/stderr, line by line, kept in a ring buffer.
 */
export class AccessLog implements AccessLogSink {
  private readonly lines: string[] = [];
  private next = 0;
  private full = false;

  constructor(private readonly capacity: number) {}

  write(path: string, text: string): void {
    if (path !== '/dev/stdout' && path !== '/dev/stderr') return;
    for (const line of text.replace(/\n$/, '').split('\n')) this.append(line);
  }

  private append(line: string): void {
    if (this.capacity <= 0) return;
    if (this.full) {
      this.lines[this.next] = line;
    } else {
      this.lines.push(line);
      if (this.lines.length === this.capacity) this.full = true;
    }
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first; `tail` keeps only the last n. */
  entries(tail?: number): string[] {
    const ordered = this.full ? [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)] : [...this.lines];
    return tail === undefined ? ordered : ordered.slice(Math.max(0, ordered.length - tail));
  }

  clear(): void {
    this.lines.length = 0;
    this.next = 0;
    this.full = false;
  }
}
