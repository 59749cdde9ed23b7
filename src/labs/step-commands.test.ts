/**
 * Every command a step shows runs as written in the lab's terminal, started as the lab page starts it (in the
 * lab folder, with Istio's `samples/` there): a learner who takes the steps in order in one terminal, saving each
 * step's solution files before running its commands. A terminal step's solution is among the commands it shows,
 * so its "Run" buttons do the step. Korean and English show the same commands.
 */
import { describe, expect, it } from 'vitest';
import { createLabSession, TERMINAL_SEED } from './lab-session';
import { outputMatches, shownSteps } from './lesson-commands';
import { labs } from './registry';

/** `istioctl analyze` ends with 79 when it finds an error, which a "break it" step shows on purpose. */
const ANALYSIS_FOUND_ERRORS = 79;

describe.each(labs.map((lab) => [lab.meta.id, lab] as const))('the steps of lab %s', (_id, lab) => {
  it('show the same commands in Korean and English', () => {
    for (const step of lab.steps) {
      const shown = (body: string) => shownSteps(body).map((s) => [s.commands, s.output]);
      expect(shown(step.body.ko), step.id).toEqual(shown(step.body.en));
    }
  });

  it('show the lines a terminal step’s solution types', () => {
    for (const step of lab.steps) {
      const shown = shownSteps(step.body.en).flatMap((s) => s.commands);
      for (const line of step.solution.commands) expect(shown, step.id).toContain(line);
    }
  });

  it('run in the lab terminal as written, step after step', { timeout: 120_000 }, async () => {
    const session = await createLabSession(lab.meta, { seed: TERMINAL_SEED, clock: 'virtual', files: lab.starter });
    try {
      for (const step of lab.steps) {
        await session.writeFiles(step.solution.files);
        for (const shown of shownSteps(step.body.en)) {
          let printed = '';
          for (const command of shown.commands) {
            const result = await session.run(command);
            printed += result.stdout + result.stderr;
            const ok =
              result.exitCode === 0 || (command === 'istioctl analyze' && result.exitCode === ANALYSIS_FOUND_ERRORS);
            expect(ok, `${step.id}: \`${command}\` exited ${result.exitCode}\n${printed}`).toBe(true);
          }
          if (shown.output !== undefined)
            expect(outputMatches(shown.output, printed), `${step.id}\n${printed}`).toBe(true);
        }
      }
    } finally {
      session.dispose();
    }
  });
});
