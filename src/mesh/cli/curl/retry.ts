import type { HttpClientErrorKind } from '../../index';
import type { CurlOptions } from './options';

/** How one attempt ended, as far as curl's retry rules care. */
export interface AttemptOutcome {
  /** What -w prints for it: only for the attempt curl does not retry. */
  writeOut?: { stdout: string; stderr: string };
  exitCode: number;
  /** The HTTP status when a response came back. */
  status?: number;
  failure?: HttpClientErrorKind;
  /** A Retry-After header's seconds, when the response had one. */
  retryAfterSeconds?: number;
}

/** HTTP statuses curl calls transient (`--retry`'s man page). */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The longest back-off curl waits between two attempts: 10 minutes. */
const MAX_BACKOFF_MS = 600_000;

/**
 * Why curl would retry this outcome, in the words of its warning (`Problem : timeout.`), or undefined.
 * Timeouts and unresolved names are always transient; a refused connection only with --retry-connrefused;
 * an HTTP status when the transfer itself worked (or failed only because of -f).
 */
function retryReason(outcome: AttemptOutcome, options: CurlOptions): string | undefined {
  if (outcome.failure === 'timeout' || outcome.failure === 'dns') return ': timeout';
  if (outcome.failure === 'connect' && options.retryConnRefused) return ': connection refused';
  if (outcome.status !== undefined && TRANSIENT_STATUSES.has(outcome.status)) return ': HTTP error';
  if (outcome.exitCode !== 0 && options.retryAllErrors) return '(retrying all errors)';
  return undefined;
}

/**
 * curl's `--retry N` loop around `attempt`: waits on `sleep` (the cluster's clock) between attempts, 1 s doubling
 * up to 10 minutes unless --retry-delay fixes it, a longer Retry-After wins, and --retry-max-time stops new
 * attempts once that much time has passed since the first. Returns the last attempt.
 */
export async function withRetries(
  options: CurlOptions,
  clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> },
  warn: (line: string) => void,
  attempt: () => Promise<AttemptOutcome>,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const started = clock.now();
  let remaining = options.retry;
  let backoffMs = options.retryDelayMs ?? 1000;
  const retriesLeft = (): boolean =>
    remaining > 0 && (options.retryMaxTimeMs === undefined || clock.now() - started < options.retryMaxTimeMs);
  for (;;) {
    const outcome = await attempt();
    const reason = retriesLeft() ? retryReason(outcome, options) : undefined;
    if (reason === undefined) return outcome;
    let waitMs = backoffMs;
    if (reason === ': HTTP error' && outcome.retryAfterSeconds !== undefined) {
      waitMs = Math.max(waitMs, outcome.retryAfterSeconds * 1000);
    }
    const seconds = Math.floor(waitMs / 1000);
    warn(
      `Warning: Problem ${reason}. Will retry in ${seconds} second${seconds === 1 ? '' : 's'}. ` +
        `${remaining} retr${remaining > 1 ? 'ies' : 'y'} left.\n`,
    );
    remaining--;
    if (options.retryDelayMs === undefined) backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    await clock.sleep(waitMs, signal);
  }
}
