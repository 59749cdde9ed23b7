import type { Kubectl } from './context';

/** How long one wait of a streaming command lasts on the cluster clock before it looks again. */
const STREAM_WAIT_MS = 60_000;

/**
 * Waits on the cluster clock until Ctrl-C (the shell aborts io.signal) for the streaming verbs (`get -w`,
 * `logs -f`); their output comes from watch handlers meanwhile. Ends as kubectl ends on SIGINT: status 130,
 * which the shell reports for an interrupted line anyway.
 */
export async function untilInterrupted(k: Kubectl): Promise<number> {
  const signal = k.io.signal;
  if (signal === undefined) return 0;
  while (!signal.aborted) {
    try {
      await k.cluster.clock.sleep(STREAM_WAIT_MS, signal);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }
  return 130;
}
