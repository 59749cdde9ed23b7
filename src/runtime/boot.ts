import type { Runtimes } from './descriptor';
import { currentEnvironment, type Environment } from './environment';
import { RUNTIMES } from './runtimes';
import { chosenByLearner, planRuntime } from './select';
import type { LabPayload, LabRuntime, RuntimeReason, Workspace } from './types';

/**
 * Boots the lab's runtime once, as the workbench's single promise: the planned one when it boots, otherwise the
 * fallback — with the reason the UI shows either way. When `auto` chose a preferred runtime, the fallback boots
 * alongside while that one is probed (StackBlitz answers?) and booted, so an offline workshop loses no time; the
 * loser is disposed.
 */
export async function startRuntime(
  payload: LabPayload,
  workspace: Workspace,
  env: Environment = currentEnvironment(),
  runtimes: Runtimes = RUNTIMES,
): Promise<LabRuntime> {
  const plan = planRuntime(env, runtimes);
  const { fallback } = runtimes;
  const preferred = runtimes.preferred.find((runtime) => runtime.kind === plan.first);
  if (preferred === undefined) return fallback.boot(payload, workspace, plan.reason);
  const automatic = !chosenByLearner(plan.reason);
  const alongside = automatic ? fallback.boot(payload, workspace, plan.reason) : undefined;
  const fallBack = async (reason: RuntimeReason) => ({
    ...(await (alongside ?? fallback.boot(payload, workspace, reason))),
    reason,
  });
  const refused = automatic ? await preferred.probe?.() : undefined;
  if (refused) return fallBack(refused);
  try {
    const booted = await preferred.boot(payload, workspace, plan.reason);
    fallback.discardEarlyStart?.();
    void alongside?.then((unused) => unused.dispose());
    return booted;
  } catch (error) {
    return fallBack(preferred.whyFailed(error));
  }
}

export type { LabPayload, LabRuntime } from './types';
