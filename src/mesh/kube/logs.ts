/**
 * Container logs, as the kubelet keeps them: one buffer per container of a pod, plus the previous
 * instance's buffer after a restart (`kubectl logs --previous`). Workloads append; the CLI reads or follows.
 */
export interface LogEntry {
  /** Virtual milliseconds when the line was written. */
  time: number;
  text: string;
}

export interface ReadLogOptions {
  /** `--tail=N`: only the last N lines. */
  tail?: number;
  /** `--since`: only lines written at or after this virtual time. */
  sinceMs?: number;
  /** `--previous`: the last terminated instance of the container. */
  previous?: boolean;
}

type Follower = (entry: LogEntry) => void;

/** Lines beyond this are dropped, oldest first, as the kubelet rotates log files. */
const MAX_LINES = 10_000;

export class ContainerLogs {
  private readonly current = new Map<string, LogEntry[]>();
  private readonly previous = new Map<string, LogEntry[]>();
  private readonly followers = new Map<string, Set<Follower>>();

  constructor(private readonly now: () => number) {}

  /** Appends output; text with several lines becomes several entries. */
  append(namespace: string, pod: string, container: string, text: string): void {
    const key = keyOf(namespace, pod, container);
    let buffer = this.current.get(key);
    if (buffer === undefined) {
      buffer = [];
      this.current.set(key, buffer);
    }
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    for (const line of lines) {
      const entry = { time: this.now(), text: line };
      buffer.push(entry);
      for (const follower of this.followers.get(key) ?? []) follower(entry);
    }
    if (buffer.length > MAX_LINES) buffer.splice(0, buffer.length - MAX_LINES);
  }

  read(namespace: string, pod: string, container: string, options: ReadLogOptions = {}): LogEntry[] {
    const key = keyOf(namespace, pod, container);
    let entries = [...((options.previous === true ? this.previous : this.current).get(key) ?? [])];
    if (options.sinceMs !== undefined) entries = entries.filter((e) => e.time >= options.sinceMs!);
    if (options.tail !== undefined && options.tail >= 0)
      entries = entries.slice(Math.max(0, entries.length - options.tail));
    return entries;
  }

  /** Whether a terminated instance's logs exist (for `--previous`). */
  hasPrevious(namespace: string, pod: string, container: string): boolean {
    return this.previous.has(keyOf(namespace, pod, container));
  }

  /** `kubectl logs -f`: calls `handler` for every later line; returns the function that stops following. */
  follow(namespace: string, pod: string, container: string, handler: Follower): () => void {
    const key = keyOf(namespace, pod, container);
    let set = this.followers.get(key);
    if (set === undefined) {
      set = new Set();
      this.followers.set(key, set);
    }
    set.add(handler);
    return () => void set.delete(handler);
  }

  /** A container restarted: its output so far becomes the previous instance's. */
  restart(namespace: string, pod: string, container: string): void {
    const key = keyOf(namespace, pod, container);
    this.previous.set(key, this.current.get(key) ?? []);
    this.current.set(key, []);
  }

  /** The pod is gone: so are its logs. */
  dropPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const map of [this.current, this.previous, this.followers]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
  }
}

function keyOf(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}
