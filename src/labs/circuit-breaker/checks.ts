import { both } from '../grader/text';
import { defineChecks } from '../schema';
import { meshIntegrationCheck } from './mesh-check';

// After a check run, the terminal's mesh uses the learner's breaker too (see LiveHook).
export { liveBreaker as live } from './mesh-check';
import { script, Trial } from './trial';

// Thresholds and cool-downs differ from check to check so that a breaker with hard-coded numbers fails.
export default defineChecks([
  {
    id: 'opens-after-n-failures',
    step: 'open-at-threshold',
    title: both('연속 실패 N번이면 회로가 열린다', 'Opens after N consecutive failures'),
    hint: both(
      'onFailure()에서 연속 실패 횟수를 세고, failureThreshold에 이르면 열린 상태로 바꾸십시오. onSuccess()는 횟수를 0으로 되돌립니다.',
      'Count consecutive failures in onFailure() and switch to open when the count reaches failureThreshold. onSuccess() resets the count.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 4, 5_000);
          // Three failures, a success, three failures: never four in a row, so the circuit stays closed.
          t.failClosed(3);
          t.call('success');
          t.failClosed(3);
          t.expectAdmitted(
            both(
              '성공 한 번이 연속 실패 횟수를 초기화하므로 회로는 닫힌 채로 남음',
              'a success resets the count, so the circuit is still closed',
            ),
          );
          t.breaker.onFailure();
          t.expectRefused(
            both(
              '연속 실패 4번째에 회로가 열려 다음 호출을 거부함',
              'the 4th consecutive failure opens the circuit and the next call is refused',
            ),
          );
        },
        both(
          '3번 실패 후 성공하면 닫힌 채로, 연속 4번 실패하면 열림',
          'closed after 3 failures and a success; open after 4 failures in a row',
        ),
      ),
  },
  {
    id: 'rejects-while-open',
    step: 'open-at-threshold',
    title: both('열려 있는 동안에는 호출을 바로 거부한다', 'Refuses every call while open'),
    hint: both(
      '회로가 열린 시각을 options.now()로 기록하고, coolDownMs가 지나기 전까지 allowRequest()가 false를 돌려주게 하십시오.',
      'Record when the circuit opened with options.now(), and make allowRequest() return false until coolDownMs has passed.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 2, 10_000);
          t.open();
          const expected = both(
            '쿨다운 10초가 지나기 전의 모든 호출이 거부됨',
            'every call before the 10 s cool-down ends is refused',
          );
          t.expectAllRefused(5, expected);
          t.advance(5_000);
          t.expectAllRefused(5, expected);
          t.advance(4_999);
          t.expectAllRefused(5, expected);
        },
        both('t=0, 5000, 9999ms에 호출 15건이 모두 거부됨', 'all 15 calls at t=0, 5000 and 9999 ms refused'),
      ),
  },
  {
    id: 'half-open-single-probe',
    step: 'half-open-probe',
    title: both(
      '쿨다운이 지나면 반열림 상태에서 시험 호출 하나만 통과시킨다',
      'After the cool-down, half-open lets exactly one probe through',
    ),
    hint: both(
      'now() − 열린 시각 ≥ coolDownMs이면 반열림입니다. 반열림에서는 첫 allowRequest()만 true이고, 그 결과가 보고될 때까지 나머지는 false여야 합니다.',
      'Half-open means now() − openedAt ≥ coolDownMs. While half-open, only the first allowRequest() returns true; the rest return false until that probe reports back.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 3, 8_000);
          t.open();
          t.advance(8_000);
          t.expectAdmitted(
            both('쿨다운 8초가 끝나면 시험 호출 하나가 허용됨', 'when the 8 s cool-down ends, one probe is admitted'),
          );
          t.expectAllRefused(
            3,
            both(
              '시험 호출의 결과가 오기 전까지 다른 호출은 모두 거부됨',
              'while the probe is in flight, every other call is refused',
            ),
          );
        },
        both(
          '쿨다운 뒤 시험 호출 1건 허용, 이어진 3건 거부',
          'one probe admitted after the cool-down, the next 3 refused',
        ),
      ),
  },
  {
    id: 'closes-on-success',
    step: 'probe-result',
    title: both('시험 호출이 성공하면 회로가 닫힌다', 'A successful probe closes the circuit'),
    hint: both(
      '반열림에서 onSuccess()가 오면 닫힌 상태로 돌아가고 실패 횟수를 0으로 되돌리십시오.',
      'When onSuccess() arrives while half-open, go back to closed and reset the failure count.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 3, 6_000);
          t.open();
          t.advance(6_000);
          t.probe('success');
          for (let i = 0; i < 5; i++) {
            t.expectAdmitted(
              both(
                '시험 호출이 성공한 뒤에는 모든 호출이 허용됨(닫힘)',
                'after a successful probe every call is admitted (closed)',
              ),
            );
            t.breaker.onSuccess();
          }
          // Closed again means the count starts over: two failures must not re-open a threshold-3 breaker.
          t.failClosed(2);
          t.expectAdmitted(
            both('다시 닫힌 뒤에는 실패를 처음부터 셈', 'once closed again, failures are counted from zero'),
          );
        },
        both(
          '시험 호출 성공 뒤 닫힘: 호출 5건 허용, 실패 2번으로는 열리지 않음',
          'closed after the probe: 5 calls admitted, 2 failures do not re-open',
        ),
      ),
  },
  {
    id: 'reopens-on-failed-probe',
    step: 'probe-result',
    title: both('시험 호출이 실패하면 다시 열린다', 'A failed probe opens the circuit again'),
    hint: both(
      '반열림에서 onFailure()가 오면 곧바로 다시 열고, 열린 시각을 지금으로 새로 기록해 쿨다운을 처음부터 기다리게 하십시오.',
      'When onFailure() arrives while half-open, open again at once and record the new opening time, so a full cool-down starts over.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 2, 7_000);
          t.open();
          t.advance(7_000);
          t.probe('failure');
          const expected = both(
            '시험 호출이 실패하면 다시 열려 새 쿨다운 7초 동안 거부함',
            'after a failed probe the circuit re-opens and refuses for a new 7 s cool-down',
          );
          t.expectAllRefused(3, expected);
          t.advance(6_999);
          t.expectAllRefused(3, expected);
          t.advance(1);
          t.expectAdmitted(
            both(
              '새 쿨다운이 끝나면 다시 시험 호출 하나가 허용됨',
              'when the new cool-down ends, one probe is admitted again',
            ),
          );
        },
        both(
          '시험 호출 실패 뒤 다시 열림, 7초 뒤 새 시험 호출 허용',
          're-opened after the failed probe, a new probe 7 s later',
        ),
      ),
  },
  meshIntegrationCheck,
  {
    id: 'late-success-stays-open',
    step: 'late-answers',
    title: both(
      '회로가 열린 뒤 늦게 도착한 성공은 회로를 닫지 않는다',
      'A success that arrives after the circuit opened does not close it',
    ),
    hint: both(
      '회로가 닫혀 있을 때 허용된 호출의 결과는 회로가 열린 뒤에 도착할 수 있습니다. onSuccess()가 회로를 닫는 것은 시험 호출의 결과일 때뿐이어야 합니다.',
      'A call admitted while the circuit was closed may report back after it opened. onSuccess() closes the circuit only when it is the probe’s result.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 2, 5_000);
          t.expectAdmitted(both('닫힌 회로는 호출을 허용함', 'a closed circuit admits the call'));
          t.open();
          // The call admitted first comes back now, late, with a success.
          t.breaker.onSuccess();
          t.expectAllRefused(
            3,
            both(
              '늦게 도착한 성공 뒤에도 쿨다운 5초 동안은 계속 거부함',
              'after the late success the circuit still refuses until its 5 s cool-down ends',
            ),
          );
          t.advance(5_000);
          t.probe('success');
          t.expectAdmitted(
            both('쿨다운 뒤 시험 호출이 성공하면 닫힘', 'after the cool-down a successful probe closes the circuit'),
          );
        },
        both(
          '늦은 성공 뒤에도 열린 채로 3건 거부, 쿨다운 뒤 시험 호출로 닫힘',
          'still open after the late success (3 calls refused), closed by the probe after the cool-down',
        ),
      ),
  },
  {
    id: 'stuck-probe-reopens',
    step: 'stuck-probe',
    title: both(
      '답하지 않는 시험 호출은 probeTimeoutMs 뒤 실패로 치고 회로를 다시 연다',
      'A probe that never answers counts as failed after probeTimeoutMs and the circuit opens again',
    ),
    hint: both(
      '시험 호출을 통과시킨 시각을 기록하십시오. state를 읽을 때(그리고 onSuccess()/onFailure() 맨 앞에서) now()가 그 시각 + probeTimeoutMs에 이르렀으면, 그 마감 시각에 회로가 다시 열린 것으로 기록합니다.',
      'Record when the probe was let through. Whenever state is read (and at the top of onSuccess()/onFailure()), if now() has reached that time + probeTimeoutMs, record the circuit as opened again at that deadline.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 3, 6_000, 2_000);
          t.open();
          t.advance(6_000);
          // The probe is let through and never answers.
          t.expectAdmitted(
            both('쿨다운 6초 뒤 시험 호출 하나가 허용됨', 'after the 6 s cool-down one probe is admitted'),
          );
          t.advance(1_999);
          t.expectState(
            'half-open',
            both('시험 호출 마감(2초) 직전에는 아직 반열림', 'just before the probe’s 2 s deadline, still half-open'),
          );
          t.expectAllRefused(
            2,
            both(
              '시험 호출이 진행 중인 동안 다른 호출은 거부됨',
              'while the probe is in flight, every other call is refused',
            ),
          );
          t.advance(1);
          const reopened = both(
            '답 없이 2초가 지나면 시험 호출은 실패로 치고 회로가 다시 열림',
            'after 2 s without an answer the probe counts as failed and the circuit is open again',
          );
          t.expectState('open', reopened);
          t.expectAllRefused(2, reopened);
          t.advance(5_999);
          t.expectState(
            'open',
            both(
              '새 쿨다운 6초는 시험 호출의 마감 시각부터 셈',
              'the new 6 s cool-down counts from the probe’s deadline',
            ),
          );
          t.advance(1);
          t.expectState(
            'half-open',
            both('새 쿨다운이 끝나면 다시 반열림', 'when the new cool-down ends, half-open again'),
          );
          t.probe('success');
          t.expectState('closed', both('새 시험 호출이 성공하면 닫힘', 'a successful new probe closes the circuit'));
        },
        both(
          '시험 호출이 답하지 않자 2초 뒤 열림, 6초 뒤 반열림, 새 시험 호출 성공으로 닫힘',
          'the unanswered probe re-opened the circuit 2 s later; half-open 6 s after that; closed by a new probe',
        ),
      ),
  },
  {
    id: 'timed-out-probe-answers-late',
    step: 'stuck-probe',
    title: both(
      '마감이 지난 시험 호출의 늦은 성공은 회로를 닫지 않는다',
      'A late success from a probe past its deadline does not close the circuit',
    ),
    hint: both(
      '마감이 지난 시험 호출은 더 이상 진행 중이 아닙니다. onSuccess()가 먼저 마감을 확인하면, 늦게 온 성공은 늦은 응답으로 무시됩니다.',
      'A probe past its deadline is no longer in flight. If onSuccess() checks the deadline first, its late success is ignored like any late answer.',
    ),
    run: (ctx) =>
      script(
        () => {
          const t = new Trial(ctx, 2, 4_000, 1_500);
          t.open();
          t.advance(4_000);
          t.expectAdmitted(
            both('쿨다운 4초 뒤 시험 호출 하나가 허용됨', 'after the 4 s cool-down one probe is admitted'),
          );
          // Nobody reads state in between: the deadline passes unobserved, then the probe's success arrives.
          t.advance(2_000);
          t.breaker.onSuccess();
          const expected = both(
            '1.5초 마감이 지난 뒤 도착한 성공은 늦은 응답: 회로는 열린 채 거부함',
            'a success after the 1.5 s deadline is a late answer: the circuit stays open and refuses',
          );
          t.expectState('open', expected);
          t.expectAllRefused(2, expected);
        },
        both(
          '마감 0.5초 뒤 도착한 성공에도 열린 채 남음',
          'still open after a success that came 0.5 s past the deadline',
        ),
      ),
  },
]);
