/**
 * The result of a check during which the grading process stopped being trustworthy, in words that point at the
 * cause. Each is an error, so the run fails; the runner goes on with the next check in a fresh process.
 */
import { both } from '../../grader/text';
import { erroredCheck, wallClockTimeout } from '../../grader/report';
import type { GradedItem } from '../../grader/quiz';
import type { Bilingual, CheckResult } from '../../schema';

export type Interruption =
  /** The check ran past the wall-clock limit. */
  | { readonly kind: 'overran'; readonly limitMs: number }
  /** Nothing was heard for that long after the previous check ended. */
  | { readonly kind: 'silent'; readonly limitMs: number }
  | { readonly kind: 'ended'; readonly code: number | null; readonly signal: string | null }
  | { readonly kind: 'out-of-memory'; readonly heapMb: number }
  /** An error nobody caught: a timer, callback or unawaited promise of the checked code. */
  | { readonly kind: 'fault'; readonly message: string }
  /** A line on the grader's channel that the grader did not write. */
  | { readonly kind: 'refused' };

export function interruptedCheck(check: GradedItem, interruption: Interruption): CheckResult {
  if (interruption.kind === 'overran') return wallClockTimeout(check, interruption.limitMs);
  return erroredCheck(check, explainInterruption(interruption));
}

function explainInterruption(interruption: Exclude<Interruption, { kind: 'overran' }>): Bilingual {
  switch (interruption.kind) {
    case 'silent': {
      const s = interruption.limitMs / 1000;
      return both(
        `앞 검사가 끝난 뒤 ${s}초 동안 채점기가 다음 검사를 시작하지 못해 중단했습니다. 코드의 타이머나 콜백이 끝나지 않고 도는지 확인하십시오.`,
        `The grader could not start this check for ${s} s after the previous one ended and was stopped. Look for a timer or callback in your code that keeps running.`,
      );
    }
    case 'ended': {
      const how = interruption.signal === null ? `exit code ${interruption.code}` : `signal ${interruption.signal}`;
      return both(
        `이 검사 도중 채점 프로세스가 끝났습니다(${how}). 코드가 process.exit를 부르거나 프로세스를 멈추게 하는지 확인하십시오.`,
        `The grading process ended during this check (${how}). Does your code call process.exit, or crash the process?`,
      );
    }
    case 'out-of-memory':
      return both(
        `이 검사 도중 메모리를 ${interruption.heapMb} MB 넘게 써서 채점 프로세스를 멈췄습니다. 끝없이 커지는 배열이나 맵이 있는지 확인하십시오.`,
        `The grading process used more than ${interruption.heapMb} MB of memory during this check and was stopped. Look for an array or map that grows forever.`,
      );
    case 'fault':
      return both(
        `코드에서 아무도 받지 않은 예외가 발생했습니다(타이머, 콜백, 기다리지 않은 프로미스): ${interruption.message}`,
        `Your code threw an error that nothing caught (in a timer, a callback or a promise nobody awaited): ${interruption.message}`,
      );
    case 'refused':
      return both(
        '채점기가 쓰지 않은 보고를 받아 거부했습니다. 코드가 채점기의 통로에 무언가를 썼습니다. 이 검사는 오류로 셉니다.',
        'A report the grader did not write was refused: your code wrote to the grader’s channel. This check counts as an error.',
      );
  }
}
