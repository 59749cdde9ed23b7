import type { Environment } from './environment';
import type { Runtimes } from './descriptor';
import { allRuntimes, RUNTIMES } from './runtimes';
import type { RuntimeReason, Texts } from './types';

/** The reasons the chooser gives itself: the learner named the runtime. */
export const CHOICE_REASONS = {
  requested: { ko: '주소의 ?runtime= 값으로 선택했습니다.', en: 'Chosen by ?runtime= in the address.' },
  setting: { ko: '실행 환경 설정에 따라 선택했습니다.', en: 'Chosen by your runtime setting.' },
} satisfies Record<string, Texts>;

/** Why `auto` runs the fallback. */
export const AUTO_REASONS = {
  auto: {
    ko: '자동 선택: 페이지 안의 샌드박스가 메시 그래프, 브라우저, 내 코드 적용까지 실습의 모든 기능을 오프라인에서도 실행합니다.',
    en: 'Chosen automatically: the in-page sandbox runs every part of the lab (the mesh graph, the browser, your code going live), offline too.',
  },
} satisfies Record<string, Texts>;

export interface RuntimePlan {
  /** The kind of the runtime to try first. */
  first: string;
  /** Why, for the UI; replaced by a fallback reason if the chosen runtime does not boot. */
  reason: RuntimeReason;
}

/**
 * Decides which runtime to boot: `?runtime=` beats the saved setting, which beats `auto` (any value that names
 * no runtime, `auto` included), which is the fallback: it is the one runtime that runs every part of a lab.
 */
export function planRuntime(env: Environment, runtimes: Runtimes = RUNTIMES): RuntimePlan {
  const kinds = new Set(allRuntimes(runtimes).map((runtime) => runtime.kind));
  const query = new URLSearchParams(env.search).get('runtime');
  if (query !== null && kinds.has(query)) return { first: query, reason: { key: 'requested' } };
  if (env.setting !== null && kinds.has(env.setting)) return { first: env.setting, reason: { key: 'setting' } };
  return { first: runtimes.fallback.kind, reason: { key: 'auto' } };
}
