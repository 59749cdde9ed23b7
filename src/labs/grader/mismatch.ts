/**
 * How a lab's behaviour checks stop at their first surprise: deep in a script they throw a Mismatch (what they
 * wanted, what they saw), and `graded` turns it into a failing outcome, leaving any other throw to the grader.
 */
import type { Bilingual, CheckOutcome } from '../schema';

/** A check's first surprise: what it wanted and what it saw. */
export class Mismatch extends Error {
  constructor(
    readonly expected: Bilingual,
    readonly seen: Bilingual,
  ) {
    super(seen.en);
  }
}

/** Runs a check's script; a Mismatch becomes a failing outcome, any other throw is the grader's to report. */
export async function graded(run: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Mismatch) return { pass: false, expected: error.expected, seen: error.seen };
    throw error;
  }
}
