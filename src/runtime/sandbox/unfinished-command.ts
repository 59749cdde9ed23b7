/**
 * Why a command typed so far cannot run yet, as bash would answer with its `> ` prompt: a quote still open, a
 * here-document whose closing line has not come, a line ending in a backslash, `|`, `&&` or `||`, or a compound
 * command still open (`if` without its `fi`, a loop without `done`, `case` without `esac`, a `{` without its `}`:
 * a function being defined). Undefined when it can run (a syntax error included: the shell reports those).
 * The page cannot load the shell's parser (it is most of the Worker's code), so compound commands are followed by
 * counting their reserved words outside quotes, comments and here-document bodies.
 */
export type Unfinished = 'quote' | 'heredoc' | 'backslash' | 'operator' | 'compound';

const WORD_END = /[\s;&|()<>]/;

interface HereDocument {
  delimiter: string;
  /** `<<-`: the body's and the closing line's leading tabs are dropped. */
  stripTabs: boolean;
}

export function unfinishedCommand(command: string): Unfinished | undefined {
  let quote: string | undefined;
  let opened: HereDocument[] = [];
  // The command with quoted text, comments and here-document bodies blanked out: where reserved words count.
  let code = '';
  let i = 0;
  while (i < command.length) {
    const char = command[i]!;
    const from = i;
    if (quote !== undefined) {
      if (char === '\\' && quote !== "'") i += 2;
      else i += char === quote ? ((quote = undefined), 1) : 1;
      code += ' ';
      continue;
    }
    if (char === '\\') {
      if (i === command.length - 1) return 'backslash';
      i += 2;
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char;
      i++;
    } else if (char === '#' && (i === 0 || /[\s;&|()<>]/.test(command[i - 1]!))) {
      const end = command.indexOf('\n', i);
      i = end === -1 ? command.length : end;
    } else if (command.startsWith('<<<', i)) {
      i += 3;
    } else if (command.startsWith('$((', i)) {
      // Arithmetic: `$((1 << 2))` shifts, it opens no here-document.
      const close = command.indexOf('))', i + 3);
      i = close === -1 ? command.length : close + 2;
    } else if (command.startsWith('<<', i)) {
      const parsed = hereDocumentOperator(command, i + 2);
      if (parsed.document) opened.push(parsed.document);
      i = parsed.end;
    } else if (char === '\n' && opened.length > 0) {
      const end = skipBodies(command, i + 1, opened);
      if (end === undefined) return 'heredoc';
      opened = [];
      i = end;
    } else {
      i++;
    }
    code += codeOf(command, from, i);
  }
  if (quote !== undefined) return 'quote';
  if (opened.length > 0) return 'heredoc';
  if (/(\||&&)\s*$/.test(withoutComment(command.slice(command.lastIndexOf('\n') + 1)))) return 'operator';
  return compoundOpen(code) ? 'compound' : undefined;
}

/** What of command[from, to) counts as code: a quote's opening mark, a comment or a here-document body does not. */
function codeOf(command: string, from: number, to: number): string {
  const text = command.slice(from, Math.min(to, command.length));
  if (text.startsWith("'") || text.startsWith('"') || text.startsWith('`') || text.startsWith('#')) return ' ';
  // A newline that ended here-document bodies: they are not code.
  if (text.startsWith('\n') && text.length > 1) return '\n';
  return text;
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
