/**
 * How the virtual clock knows every simulated task is waiting: `settle()` resolves only after every
 * promise continuation queued before the call — and every continuation those queue in turn — has run.
 *
 * Measured on Node 24: setImmediate ≈ 1.8 µs per round trip, MessageChannel ≈ 1.5 µs, process.nextTick
 * ≈ 0.4 µs, one microtask ≈ 0.06 µs. A bounded chain of microtasks cannot prove the queue is empty (a
 * longer chain would still be running when time jumps), but Node runs a nextTick queued from inside a
 * microtask only after the microtask queue has fully drained — the same guarantee as a macrotask at a
 * quarter of the cost. Every MACROTASK_EVERY rounds we still yield a real macrotask, so I/O, real timers
 * (a test runner's timeout) and Ctrl-C are not starved by a long simulation.
 */
export function settle(): Promise<void> {
  if (nextTick === undefined || ++rounds % MACROTASK_EVERY === 0 || overdue()) return yieldToMacrotask();
  // Queue the tick from inside a microtask: a tick queued from plain synchronous code would run before
  // the microtasks already pending.
  return Promise.resolve().then(() => new Promise<void>((resolve) => nextTick(resolve)));
}

const MACROTASK_EVERY = 1024;
let rounds = 0;

/**
 * Rounds differ in cost (one may fire a timer that pushes config to hundreds of proxies), so the count alone
 * can keep the host busy for seconds: a macrotask is also due once this much wall time has passed since the
 * last one, which keeps Ctrl-C and the page's messages answered within a frame or two.
 */
const MACROTASK_AFTER_MS = 25;
let lastMacrotask = performance.now();

function overdue(): boolean {
  return performance.now() - lastMacrotask > MACROTASK_AFTER_MS;
}

interface HostScheduling {
  process?: { nextTick?: (fn: () => void) => void };
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
  setTimeout: (fn: () => void, ms: number) => unknown;
}

const host = globalThis as unknown as HostScheduling;
const nextTick: ((fn: () => void) => void) | undefined =
  typeof host.process?.nextTick === 'function' ? host.process.nextTick.bind(host.process) : undefined;

/**
 * Resolves after the host's next macrotask boundary. setImmediate (Node, WebContainers) first;
 * MessageChannel (browsers, Workers) next; setTimeout(0) last because browsers clamp nested timeouts to 4 ms.
 */
export const yieldToMacrotask: () => Promise<void> = timed(pickMacrotaskYield());

function timed(yieldOnce: () => Promise<void>): () => Promise<void> {
  return () =>
    yieldOnce().then(() => {
      lastMacrotask = performance.now();
    });
}

function pickMacrotaskYield(): () => Promise<void> {
  const setImmediate = host.setImmediate;
  if (typeof setImmediate === 'function') {
    return () => new Promise<void>((resolve) => void setImmediate(resolve));
  }
  const Channel = host.MessageChannel;
  if (typeof Channel === 'function') {
    // One channel for the whole program; each message wakes the oldest waiter.
    const channel = new Channel();
    const waiters: (() => void)[] = [];
    channel.port1.onmessage = () => waiters.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        channel.port2.postMessage(0);
      });
  }
  const setTimeout = host.setTimeout;
  return () => new Promise<void>((resolve) => void setTimeout(resolve, 0));
}
