import type { Environment } from './environment';
import type { Runtimes } from './descriptor';
import { allRuntimes, RUNTIMES } from './runtimes';
import type { RuntimeReason, Texts } from './types';

/** The reasons the chooser gives itself: the learner named the runtime. */
export const CHOICE_REASONS = {
  requested: { ko: '주소의 ?runtime= 값으로 선택했습니다.', en: 'Chosen by ?runtime= in the address.' },
  setting: { ko: '실행 환경 설정에 따라 선택했습니다.', en: 'Chosen by your runtime setting.' },
} satisfies Record<string, Texts>;

export interface RuntimePlan {
  /** The kind of the runtime to try first. */
  first: string;
  /** Why, for the UI; replaced by a fallback reason if a preferred runtime does not boot. */
  reason: RuntimeReason;
}

/**
 * Decides which runtime to boot: `?runtime=` beats the saved setting, which beats `auto` (any value that names
 * no runtime, `auto` included). `auto` takes the first preferred runtime whose judge finds the page suitable,
 * else the fallback with the reason the most preferred one gave; startRuntime then probes the choice while the
 * fallback boots alongside.
 */
export function planRuntime(env: Environment, runtimes: Runtimes = RUNTIMES): RuntimePlan {
  const kinds = new Set(allRuntimes(runtimes).map((runtime) => runtime.kind));
  const query = new URLSearchParams(env.search).get('runtime');
  if (query !== null && kinds.has(query)) return { first: query, reason: { key: 'requested' } };
  if (env.setting !== null && kinds.has(env.setting)) return { first: env.setting, reason: { key: 'setting' } };
  const [mostPreferred, ...others] = runtimes.preferred;
  const passedOver = mostPreferred.judge(env);
  if (passedOver.usable) return { first: mostPreferred.kind, reason: passedOver.reason };
  for (const runtime of others) {
    const verdict = runtime.judge(env);
    if (verdict.usable) return { first: runtime.kind, reason: verdict.reason };
  }
  // None suits this page: the fallback runs, saying why the most preferred runtime may not.
  return { first: runtimes.fallback.kind, reason: passedOver.reason };
}

/** Whether the learner named the runtime (then it is tried alone, with no fallback booting alongside). */
export const chosenByLearner = (reason: RuntimeReason): boolean => Object.hasOwn(CHOICE_REASONS, reason.key);
