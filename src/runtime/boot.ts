import { bootSandbox } from './sandbox/sandbox-runtime';
import { discardEarlySandboxWorker } from './sandbox/worker-client';
import { currentEnvironment, planRuntime, type Environment } from './select';
import type { LabPayload, LabRuntime, RuntimeReason } from './types';

/**
 * Boots the lab's runtime once, as the workbench's single promise: a WebContainer when the plan says so and
 * it boots in time, otherwise the sandbox — with the reason the UI shows either way.
 */
export async function startRuntime(
  payload: LabPayload,
  files: Record<string, string>,
  env: Environment = currentEnvironment(),
): Promise<LabRuntime> {
  const plan = planRuntime(env);
  let reason: RuntimeReason = plan.reason;
  if (plan.first === 'webcontainer') {
    try {
      const { bootWebContainer } = await import('./webcontainer/webcontainer-runtime');
      const booted = await bootWebContainer(payload, files, plan.reason);
      discardEarlySandboxWorker();
      return booted;
    } catch (error) {
      const timedOut = (error as { kind?: string }).kind === 'timeout';
      reason = {
        key: timedOut ? 'fallback-timeout' : 'fallback-error',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return bootSandbox(payload, files, reason);
}

export type { LabPayload, LabRuntime } from './types';
