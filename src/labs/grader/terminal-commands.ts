/**
 * Checks that drive the learner's terminal: a command a check needs that fails (no such Deployment, no gateway
 * address, fortio missing) is not the grader's error but a failed check quoting the terminal, which `graded`
 * (mismatch.ts) makes of a CommandFailed.
 */
import type { CheckContext } from '../schema';

/** What went wrong running a command, in the terminal's words. */
export class CommandFailed extends Error {}

/** The output of a command that has to work; CommandFailed with what the terminal said otherwise. */
export async function commandOutput(ctx: CheckContext, line: string): Promise<string> {
  const result = await (await ctx.shell()).run(line);
  if (result.exitCode !== 0) throw new CommandFailed(`${line}: ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}
