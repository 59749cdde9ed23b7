import type { Kubectl } from './context';

/** Polls `check` on the cluster clock until it holds or `timeoutMs` passes; Ctrl-C (io.signal) ends the wait. */
export async function poll(k: Kubectl, check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = k.cluster.clock.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (k.cluster.clock.now() >= deadline) return false;
    await k.cluster.clock.sleep(Math.min(500, Math.max(1, deadline - k.cluster.clock.now())), k.io.signal);
  }
}
