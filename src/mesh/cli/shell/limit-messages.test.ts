import { afterEach, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../session';
import { explainLimits } from './limit-messages';

describe('the terminal’s limit messages', () => {
  let s: MeshSession | undefined;
  afterEach(() => s?.dispose());

  it('say what stopped the line and what to do, in either language, without naming just-bash’s settings', () => {
    const stderr = 'bash: too many commands executed (>1000000), increase executionLimits.maxCommandCount\nnext line\n';
    expect(explainLimits(stderr, 'en')).toBe(
      'bash: too many commands executed (>1000000)\n' +
        'meshdojo: the terminal stops a line that runs more than 1,000,000 commands, so that a loop that never ends ' +
        'cannot freeze it. Do less in one line: fewer rounds, less output (| head), or the work split over several lines.\n' +
        'next line\n',
    );
    expect(explainLimits(stderr, 'ko')).toContain(
      'meshdojo: 터미널은 명령을 1,000,000개 넘게 실행하는 줄을 멈춥니다. 끝나지 않는 반복 때문에',
    );
    const loop = 'while loop: too many iterations (100000), increase executionLimits.maxLoopIterations';
    expect(explainLimits(loop, 'en')).toMatch(
      /^while loop: too many iterations \(100000\)\nmeshdojo: the terminal stops a loop \(for, while, until\) that goes round more than 100,000 times, /,
    );
    const unknown = 'awk: too many iterations (5), increase executionLimits.maxAwkIterations';
    expect(explainLimits(unknown, 'en')).toMatch(
      /\nmeshdojo: the terminal stops a line that goes past one of its limits, /,
    );
    for (const text of [stderr, loop, unknown])
      for (const locale of ['ko', 'en'] as const) expect(explainLimits(text, locale)).not.toContain('executionLimits');
    expect(explainLimits('plain error\n', 'en')).toBe('plain error\n');
  });

  it('reach the learner from a shell inside a pod, too', { timeout: 60_000 }, async () => {
    s = await createMeshSession({ preset: 'bare', locale: 'ko' });
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    const looped = await s.run("kubectl exec deploy/sleep -- sh -c 'while true; do :; done'");
    expect(looped.exitCode).not.toBe(0);
    // The sleep image is Alpine: its busybox sh reports the line.
    expect(looped.stderr).toMatch(/^sh: too many commands executed \(>\d+\)$/m);
    expect(looped.stderr).toMatch(/^meshdojo: 터미널은 명령을 [\d,]+개 넘게 실행하는 줄을 멈춥니다\./m);
    expect(looped.stderr).not.toContain('executionLimits');
  });
});
