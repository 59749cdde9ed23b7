/**
 * What an interactive bash keeps from one line to the next that just-bash does not: each of its exec() calls
 * starts with no functions, default `set` options and alias expansion off (environment variables, the working
 * directory and aliases, kept as BASH_ALIAS_* variables, carry over with the environment we hand back). So every
 * line runs after a prelude that turns alias expansion on (bash's default at a prompt), defines the functions
 * earlier lines defined, and sets the options they set.
 */
import { functionDefinitions, unsetFunctions } from './shell-words';

/** Options `set -o` shows as on in a fresh just-bash; anything else in SHELLOPTS was set by the learner. */
const DEFAULT_OPTIONS = new Set(['braceexpand', 'hashall', 'interactive-comments']);

export class LineState {
  private readonly functions = new Map<string, string>();
  private options: readonly string[] = [];

  /** The script to run for `line`: the prelude, then the line. */
  script(line: string): string {
    return `${this.prelude().join('\n')}\n${line}`;
  }

  /** Takes note of what `line` defined, and of the options in force once it ran (`SHELLOPTS`). */
  remember(line: string, shellOptions: string | undefined): void {
    this.options = (shellOptions ?? '').split(':').filter((option) => option !== '' && !DEFAULT_OPTIONS.has(option));
    for (const { name, source } of functionDefinitions(line)) this.functions.set(name, source);
    for (const name of unsetFunctions(line)) this.functions.delete(name);
  }

  private prelude(): string[] {
    return [
      'shopt -s expand_aliases',
      ...this.functions.values(),
      // Last, so `set -x` traces none of the prelude.
      ...this.options.map((option) => `set -o ${option}`),
    ];
  }
}

/**
 * just-bash's words for a line that does not parse, as bash says them: `bash: syntax error near unexpected token
 * \`fi'` (its "Parse error at L:C" counts the prelude's lines too, and bash does not say it at a prompt).
 */
export function asBashSyntaxError(stderr: string): string {
  return stderr.replace(PARSE_ERROR, 'bash: ');
}

/** Whether just-bash refused the line as unparsable: then nothing of it ran. */
export function didNotParse(stderr: string): boolean {
  return PARSE_ERROR.test(stderr);
}

const PARSE_ERROR = /^bash: syntax error: Parse error at \d+:\d+: /m;
