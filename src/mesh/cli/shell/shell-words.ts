/**
 * Why a command typed so far cannot run yet, as bash would answer with its `> ` prompt: a quote still open, a
 * here-document whose closing line has not come, a line ending in a backslash, `|`, `&&` or `||`, or a compound
 * command still open (`if` without its `fi`, a loop without `done`, `case` without `esac`, a `{` without its `}`:
 * a function being defined). Undefined when it can run (a syntax error included: the shell reports those).
 * The page cannot load the shell's parser (it is most of the Worker's code, and the browser build does not export
 * it), so compound commands are followed by counting their reserved words outside quotes, comments and
 * here-document bodies. The shell uses the same reading to find the functions a line defines, and whether a line
 * is one program alone (create-shell.ts).
 */
export type Unfinished = 'quote' | 'heredoc' | 'backslash' | 'operator' | 'compound';

const WORD_END = /[\s;&|()<>]/;

interface HereDocument {
  delimiter: string;
  /** `<<-`: the body's and the closing line's leading tabs are dropped. */
  stripTabs: boolean;
}

export function unfinishedCommand(command: string): Unfinished | undefined {
  const { code, open } = scan(command);
  if (open !== undefined) return open;
  if (/(\||&&)\s*$/.test(withoutComment(command.slice(command.lastIndexOf('\n') + 1)))) return 'operator';
  return compoundOpen(code) ? 'compound' : undefined;
}

/**
 * The program a line runs when it is one simple command: no pipe, list, redirection or command inside it
 * (`kubectl get pods -w`; not `kubectl exec "$(kubectl get pod …)"`, whose inner command's output is an argument).
 */
export function singleProgram(line: string): string | undefined {
  if (/\$\(|`|<\(|>\(/.test(line)) return undefined;
  const { code, open } = scan(line);
  if (open !== undefined || /[|;&<>()\n]/.test(code.trim())) return undefined;
  const word = /^\s*([A-Za-z][\w.-]*)(\s|$)/.exec(line);
  return word?.[1];
}

/**
 * Whether a line is a streaming program alone — `kubectl get -w`, `kubectl logs -f`, `kubectl rollout status`,
 * `kubectl wait`, `fortio load` — whose output the terminal shows as it comes. Other lines print when they end,
 * after what they did is in the journal, so a reload right after their output loses none of it.
 */
export function streamsAsItGoes(line: string): boolean {
  const program = singleProgram(line);
  const words = line.trim().split(/\s+/);
  if (program === 'fortio') return words[1] === 'load';
  if (program !== 'kubectl') return false;
  const watches = words.some((word) => /^(-w|--watch|--watch-only|--watch=true|-f|--follow|--follow=true)$/.test(word));
  // The verb, past global flags and their values (`kubectl -n foo logs -f …`).
  const verb = words.slice(1).find((word) => ['get', 'logs', 'wait', 'rollout'].includes(word));
  return (
    (watches && (verb === 'get' || verb === 'logs')) ||
    verb === 'wait' ||
    (verb === 'rollout' && words.includes('status'))
  );
}

/**
 * The pipeline of a line that is `time <pipeline>` and nothing else: the shell times it on the cluster's clock
 * (just-bash's own `time` reads the wall clock, which virtual time does not move).
 */
export function timedPipeline(line: string): string | undefined {
  const match = /^\s*time\s+(?!-)([\s\S]+)$/.exec(line);
  if (match === null) return undefined;
  const { code, open } = scan(match[1]!);
  return open === undefined && !/;|&&|\|\||\n|&\s*$/.test(code.trim()) ? match[1] : undefined;
}

/** A function the line defines at its top level (`name() { … }`, `function name { … }`), with its whole text. */
export interface FunctionDefinition {
  readonly name: string;
  readonly source: string;
}

export function functionDefinitions(line: string): FunctionDefinition[] {
  const { code, open } = scan(line);
  if (open !== undefined) return [];
  const found: FunctionDefinition[] = [];
  const head =
    /(^|[;&|\n]\s*)(?:function\s+([A-Za-z_][\w.-]*)\s*(?:\(\s*\))?|([A-Za-z_][\w.-]*)\s*\(\s*\))\s*\{(?=\s)/g;
  for (let match = head.exec(code); match !== null; match = head.exec(code)) {
    const start = match.index + match[1]!.length;
    const close = closingBrace(code, match.index + match[0].length - 1);
    if (close === undefined) break;
    found.push({ name: (match[2] ?? match[3])!, source: line.slice(start, close + 1) });
    head.lastIndex = close + 1;
  }
  return found;
}

/** The functions `unset -f a b` in the line removes. */
export function unsetFunctions(line: string): string[] {
  const { code } = scan(line);
  return [...code.matchAll(/(?:^|[;&|\n])\s*unset\s+-f\s+([^;&|\n]+)/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

/** Where the `{` at `open` is closed, counting `{` and `}` words in between. */
function closingBrace(code: string, open: number): number | undefined {
  let depth = 0;
  for (const word of code.slice(open).matchAll(/[^\s;&|()]+/g)) {
    if (word[0] === '{') depth++;
    else if (word[0] === '}') depth--;
    if (depth === 0) return open + word.index;
  }
  return undefined;
}

/**
 * The command as code: the same length, with quoted text, comments and here-document bodies blanked (newlines
 * kept), so reserved words and operators can be found by position; and what is left open at the end, if anything.
 */
function scan(command: string): { code: string; open?: 'quote' | 'heredoc' | 'backslash' } {
  let quote: string | undefined;
  let opened: HereDocument[] = [];
  let code = '';
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  let i = 0;
  while (i < command.length) {
    const char = command[i]!;
    const from = i;
    if (quote !== undefined) {
      if (char === '\\' && quote !== "'") i += 2;
      else {
        if (char === quote) quote = undefined;
        i++;
      }
      code += blank(command.slice(from, i));
      continue;
    }
    if (char === '\\') {
      if (i === command.length - 1) return { code, open: 'backslash' };
      i += 2;
      code += '  ';
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      quote = char;
      i++;
      code += ' ';
      continue;
    }
    if (char === '#' && (i === 0 || /[\s;&|()<>]/.test(command[i - 1]!))) {
      const end = command.indexOf('\n', i);
      i = end === -1 ? command.length : end;
      code += blank(command.slice(from, i));
      continue;
    }
    if (char === '\n' && opened.length > 0) {
      const end = skipBodies(command, i + 1, opened);
      if (end === undefined) return { code, open: 'heredoc' };
      opened = [];
      i = end;
      code += '\n' + blank(command.slice(from + 1, i));
      continue;
    }
    if (command.startsWith('<<<', i)) i += 3;
    else if (command.startsWith('$((', i)) {
      // Arithmetic: `$((1 << 2))` shifts, it opens no here-document.
      const close = command.indexOf('))', i + 3);
      i = close === -1 ? command.length : close + 2;
    } else if (command.startsWith('<<', i)) {
      const parsed = hereDocumentOperator(command, i + 2);
      if (parsed.document) opened.push(parsed.document);
      i = parsed.end;
    } else i++;
    code += command.slice(from, i);
  }
  if (quote !== undefined) return { code, open: 'quote' };
  if (opened.length > 0) return { code, open: 'heredoc' };
  return { code };
}

/** Whether an `if`, loop, `case` or `{` group has been opened and not yet closed. */
function compoundOpen(code: string): boolean {
  const words = code.split(/[\s;&|()]+/).filter((word) => word !== '');
  const count = (word: string) => words.filter((w) => w === word).length;
  const loops = count('for') + count('while') + count('until') + count('select');
  return loops > count('done') || count('if') > count('fi') || count('case') > count('esac') || count('{') > count('}');
}

/** The delimiter after `<<` or `<<-` (quotes and backslashes removed) and where the operator's word ends. */
function hereDocumentOperator(command: string, from: number): { document?: HereDocument; end: number } {
  let i = from;
  const stripTabs = command[i] === '-';
  if (stripTabs) i++;
  while (command[i] === ' ' || command[i] === '\t') i++;
  let delimiter = '';
  while (i < command.length && !WORD_END.test(command[i]!)) {
    const char = command[i]!;
    if (char === "'" || char === '"') {
      const close = command.indexOf(char, i + 1);
      if (close === -1) return { end: i };
      delimiter += command.slice(i + 1, close);
      i = close + 1;
    } else if (char === '\\') {
      delimiter += command[i + 1] ?? '';
      i += 2;
    } else {
      delimiter += char;
      i++;
    }
  }
  return delimiter === '' ? { end: i } : { document: { delimiter, stripTabs }, end: i };
}

/** Where the command goes on after the bodies of `documents` that start at `from`, or undefined if one is open. */
function skipBodies(command: string, from: number, documents: readonly HereDocument[]): number | undefined {
  let at = from;
  for (const { delimiter, stripTabs } of documents) {
    for (;;) {
      if (at > command.length) return undefined;
      const newline = command.indexOf('\n', at);
      const end = newline === -1 ? command.length : newline;
      const line = command.slice(at, end);
      at = end + 1;
      if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
      if (newline === -1) return undefined;
    }
  }
  return Math.min(at, command.length);
}

function withoutComment(line: string): string {
  const comment = /(^|\s)#/.exec(line);
  return comment ? line.slice(0, comment.index) : line;
}
