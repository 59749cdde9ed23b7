import type { Runtimes } from './descriptor';
import { currentEnvironment, type Environment } from './environment';
import { RUNTIMES } from './runtimes';
import { planRuntime } from './select';
import type { LabPayload, LabRuntime, RuntimeReason, Workspace } from './types';

/**
 * Boots the lab's runtime once, as the workbench's single promise: the planned one when it boots, otherwise the
 * fallback — with the reason the UI shows either way. A runtime the learner chose is judged first (a page it
 * cannot run on goes to the fallback at once); then the fallback boots alongside while the choice is probed
 * (StackBlitz answers?) and booted, so an offline page never waits for a boot that cannot succeed; the loser is
 * disposed.
 */
export async function startRuntime(
  payload: LabPayload,
  workspace: Workspace,
  env: Environment = currentEnvironment(),
  runtimes: Runtimes = RUNTIMES,
): Promise<LabRuntime> {
  const plan = planRuntime(env, runtimes);
  const { fallback } = runtimes;
  const chosen = runtimes.alternatives.find((runtime) => runtime.kind === plan.first);
  if (chosen === undefined) return fallback.boot(payload, workspace, plan.reason);
  const verdict = chosen.judge(env);
  if (!verdict.usable) return fallback.boot(payload, workspace, verdict.reason);
  const alongside = fallback.boot(payload, workspace, plan.reason);
  const fallBack = async (reason: RuntimeReason) => ({ ...(await alongside), reason });
  const refused = await chosen.probe?.();
  if (refused) return fallBack(refused);
  try {
    const booted = await chosen.boot(payload, workspace, plan.reason);
    fallback.discardEarlyStart?.();
    void alongside.then((unused) => unused.dispose());
    return booted;
  } catch (error) {
    return fallBack(chosen.whyFailed(error));
  }
}

export type { LabPayload, LabRuntime } from './types';
