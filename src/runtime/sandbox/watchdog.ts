/**
 * The terminal's watchdog, armed once the learner's code runs in its cluster: every HEARTBEAT_MS the page pings
 * the Worker, which answers between two of its tasks, ahead of the shell's queue. A ping left unanswered for
 * STALL_MS means the Worker's thread is held — learner code looping, not a slow command: a command that takes
 * long (a 30 s `fortio load`) waits on timers and the Worker answers meanwhile — and the Worker is ended.
 *
 * Why 4 s: the longest task the terminal's Worker runs once its prompt is up (loading the API server's schemas,
 * applying all of Bookinfo) takes well under a second on a slow laptop, so 4 s leaves room for a machine several
 * times slower, while a learner waits at most 5 s for a frozen terminal to come back. A tick that comes late
 * (the page itself was held up, or its timers throttled in a background tab) judges nothing: the answer may be
 * waiting behind it.
 */
export const HEARTBEAT_MS = 1000;
export const STALL_MS = 4000;

export interface HeartbeatClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

const realClock: HeartbeatClock = {
  now: () => performance.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    return () => clearInterval(timer);
  },
};

/** Pings until stopped; calls `stalled` (once, and stops) when a ping goes unanswered for STALL_MS. */
export function watchHeartbeat(
  ping: () => Promise<unknown>,
  stalled: () => void,
  clock: HeartbeatClock = realClock,
): () => void {
  let sentAt: number | undefined;
  let lastTick = clock.now();
  const stop = clock.every(HEARTBEAT_MS, () => {
    const now = clock.now();
    const late = now - lastTick > 2 * HEARTBEAT_MS;
    lastTick = now;
    if (late) sentAt = undefined;
    if (sentAt !== undefined) {
      if (now - sentAt < STALL_MS) return;
      stop();
      return stalled();
    }
    const mine = (sentAt = now);
    ping().then(
      () => sentAt === mine && (sentAt = undefined),
      () => undefined, // an ended Worker: whoever ended it stops this too
    );
  });
  return stop;
}
