/**
 * Why a command typed so far cannot run yet, as bash would answer with its `> ` prompt: a quote still open, a
 * here-document whose closing line has not come, a line ending in a backslash, `|`, `&&` or `||`. Undefined
 * when it can run (a syntax error included: the shell reports those). Compound commands (`if … fi`, loops)
 * are not followed; a pasted loop runs line by line, as it did before.
 */
export type Unfinished = 'quote' | 'heredoc' | 'backslash' | 'operator';

const WORD_END = /[\s;&|()<>]/;

interface HereDocument {
  delimiter: string;
  /** `<<-`: the body's and the closing line's leading tabs are dropped. */
  stripTabs: boolean;
}

export function unfinishedCommand(command: string): Unfinished | undefined {
  let quote: string | undefined;
  let opened: HereDocument[] = [];
  let i = 0;
  while (i < command.length) {
    const char = command[i]!;
    if (quote !== undefined) {
      if (char === '\\' && quote !== "'") i += 2;
      else i += char === quote ? ((quote = undefined), 1) : 1;
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
  }
  if (quote !== undefined) return 'quote';
  if (opened.length > 0) return 'heredoc';
  return /(\||&&)\s*$/.test(withoutComment(command.slice(command.lastIndexOf('\n') + 1))) ? 'operator' : undefined;
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
