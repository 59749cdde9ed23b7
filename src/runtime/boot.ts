import { bootSandbox } from './sandbox/sandbox-runtime';
import { discardEarlySandboxWorker } from './sandbox/worker-client';
import { currentEnvironment, planRuntime, WEBCONTAINER_ORIGIN, type Environment } from './select';
import type { LabPayload, LabRuntime, RuntimeReason } from './types';

/** How long `auto` waits for StackBlitz to answer before it keeps the sandbox. */
export const REACHABILITY_TIMEOUT_MS = 1500;

/**
 * Boots the lab's runtime once, as the workbench's single promise: a WebContainer when the plan says so and
 * it boots in time, otherwise the sandbox — with the reason the UI shows either way. When `auto` chose the
 * WebContainer, the sandbox boots alongside while StackBlitz is asked whether it is there, so an offline
 * workshop loses no time; the loser is disposed.
 */
export async function startRuntime(
  payload: LabPayload,
  files: Record<string, string>,
  env: Environment = currentEnvironment(),
): Promise<LabRuntime> {
  const plan = planRuntime(env);
  if (plan.first === 'sandbox') return bootSandbox(payload, files, plan.reason);
  const automatic = plan.reason.key === 'webcontainer-ok';
  const sandbox = automatic ? bootSandbox(payload, files, plan.reason) : undefined;
  const fallBack = async (reason: RuntimeReason) => ({
    ...(await (sandbox ?? bootSandbox(payload, files, reason))),
    reason,
  });
  if (automatic && !(await answers(WEBCONTAINER_ORIGIN, REACHABILITY_TIMEOUT_MS)))
    return fallBack({ key: 'fallback-unreachable' });
  try {
    const { bootWebContainer } = await import('./webcontainer/webcontainer-runtime');
    const booted = await bootWebContainer(payload, files, plan.reason);
    discardEarlySandboxWorker();
    void sandbox?.then((unused) => unused.dispose());
    return booted;
  } catch (error) {
    const timedOut = (error as { kind?: string }).kind === 'timeout';
    return fallBack({
      key: timedOut ? 'fallback-timeout' : 'fallback-error',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Whether `origin` answers within `timeoutMs` (an opaque no-cors response is enough). */
async function answers(origin: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(`${origin}/headless`, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

export type { LabPayload, LabRuntime } from './types';
