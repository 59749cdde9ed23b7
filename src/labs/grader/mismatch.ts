/**
 * How a lab's behaviour checks stop at their first surprise: deep in a script they throw a Mismatch (what they
 * wanted, what they saw) or a CommandFailed (a terminal command they needed failed), and `graded` turns either
 * into a failing outcome, leaving any other throw to the grader.
 */
import type { Bilingual, CheckOutcome } from '../schema';
import { CommandFailed } from './terminal-commands';
import { both } from './text';

/** A check's first surprise: what it wanted and what it saw. */
export class Mismatch extends Error {
  constructor(
    readonly expected: Bilingual,
    readonly seen: Bilingual,
  ) {
    super(seen.en);
  }
}

/** Runs a check's script; a Mismatch or a failed command becomes a failing outcome, any other throw the grader's. */
export async function graded(run: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Mismatch) return { pass: false, expected: error.expected, seen: error.seen };
    if (error instanceof CommandFailed)
      return { pass: false, seen: both(`명령이 실패했습니다: ${error.message}`, `A command failed: ${error.message}`) };
    throw error;
  }
}
