/**
 * What an interactive bash keeps from one line to the next that just-bash does not: each of its exec() calls
 * starts with no functions, default `set` options and alias expansion off (environment variables, the working
 * directory and aliases, kept as BASH_ALIAS_* variables, carry over with the environment we hand back). So every
 * line runs after a prelude that turns alias expansion on (bash's default at a prompt), defines the functions
 * earlier lines defined, and sets the options they set.
 */
import { parse } from 'just-bash';

/** Options `set -o` shows as on in a fresh just-bash; anything else in SHELLOPTS was set by the learner. */
const DEFAULT_OPTIONS = new Set(['braceexpand', 'hashall', 'interactive-comments']);

type Statement = ReturnType<typeof parse>['statements'][number];
type ParsedCommand = Statement['pipelines'][number]['commands'][number];

export class LineState {
  private readonly functions = new Map<string, string>();
  private options: readonly string[] = [];

  /** The script to run for `line` (one that parses): the prelude, then the line. */
  script(line: string): string {
    const prelude = [
      'shopt -s expand_aliases',
      ...this.functions.values(),
      // Last, so `set -x` traces none of the prelude.
      ...this.options.map((option) => `set -o ${option}`),
    ];
    return `${prelude.join('\n')}\n${line}`;
  }

  /** Takes note of what `line` defined, and of the options in force once it ran (`SHELLOPTS`). */
  remember(line: string, shellOptions: string | undefined): void {
    this.options = (shellOptions ?? '').split(':').filter((option) => option !== '' && !DEFAULT_OPTIONS.has(option));
    let statements: readonly Statement[];
    try {
      statements = parse(line).statements;
    } catch {
      return;
    }
    for (const statement of statements) {
      const commands = statement.pipelines.flatMap((pipeline) => pipeline.commands);
      const only = commands.length === 1 ? commands[0] : undefined;
      if (only?.type === 'FunctionDef') this.functions.set(only.name, statement.sourceText ?? '');
      for (const command of commands) for (const name of unsetFunctions(command)) this.functions.delete(name);
    }
  }
}

/**
 * The program a line runs when it is one simple command without pipes, redirections or commands inside it
 * (`kubectl get pods -w`; not `kubectl exec "$(kubectl get pod …)"`, whose inner command's output is an argument).
 */
export function singleCommand(line: string): string | undefined {
  if (/\$\(|`|<\(|>\(/.test(line)) return undefined;
  let statements: readonly Statement[];
  try {
    statements = parse(line).statements;
  } catch {
    return undefined;
  }
  const pipelines = statements.length === 1 ? statements[0]!.pipelines : [];
  const commands = pipelines.length === 1 ? pipelines[0]!.commands : [];
  const only = commands.length === 1 ? commands[0] : undefined;
  if (only?.type !== 'SimpleCommand' || only.redirections.length > 0 || pipelines[0]!.negated) return undefined;
  return literal(only.name);
}

/**
 * What bash says of a line that does not parse (`bash: syntax error near unexpected token \`fi'`), or undefined.
 * Said before anything runs, as bash does, and without the prelude's lines in the position.
 */
export function syntaxError(line: string): string | undefined {
  try {
    parse(line);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `bash: ${message.replace(/^Parse error at \d+:\d+: /, '').replace(/^line \d+: /, '')}\n`;
  }
}

/** The names `unset -f a b` removes. */
function unsetFunctions(command: ParsedCommand): string[] {
  if (command.type !== 'SimpleCommand' || literal(command.name) !== 'unset') return [];
  const words = command.args.map(literal);
  return words[0] === '-f' ? words.slice(1).filter((word): word is string => word !== undefined) : [];
}

function literal(word: unknown): string | undefined {
  const parts = (word as { parts?: { type: string; value?: string }[] } | undefined)?.parts;
  return parts?.length === 1 && parts[0]!.type === 'Literal' ? parts[0]!.value : undefined;
}
