// How bash reads a script from stdin or a prompt: one complete command at a time. A command is complete when no
// quote, here-document, trailing `\`, `|` or `&&` is left open (unfinishedCommand, which the page's line editor
// uses too) and just-bash's parser does not run out of input inside a compound command (`f() {`, `for … do`,
// `if … then`). Each complete command then runs on its own, so its output shows as soon as it has run, and a
// syntax error stops the script where it is, as `bash < script` does.
import { parse } from 'just-bash';
import { unfinishedCommand } from '../../mesh/cli/shell/shell-words';

/** One complete command of a script, and the line it starts on (1-based). */
export interface ScriptChunk {
  readonly text: string;
  readonly line: number;
}

/** Whether `text` needs more lines before it can run. */
export function needsMoreLines(text: string): boolean {
  if (unfinishedCommand(text) !== undefined) return true;
  const error = parseError(text);
  return error !== undefined && atEnd(error, text);
}

/** The script's complete commands in order; an unfinished tail is the last chunk (running it says what is wrong). */
export function scriptChunks(script: string): ScriptChunk[] {
  const lines = script.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const chunks: ScriptChunk[] = [];
  let buffer: string[] = [];
  let start = 1;
  lines.forEach((line, index) => {
    if (buffer.length === 0) start = index + 1;
    buffer.push(line);
    const text = buffer.join('\n');
    if (needsMoreLines(text)) return;
    chunks.push({ text, line: start });
    buffer = [];
  });
  if (buffer.length > 0) chunks.push({ text: buffer.join('\n'), line: start });
  return chunks;
}

/** The parser's complaint about `text`, if any. */
export function parseError(text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Whether the parser stopped because the input ended (`Expected DONE, got EOF`, or a token found only past the end). */
function atEnd(message: string, text: string): boolean {
  if (/\bEOF\b/.test(message)) return true;
  const at = /at (\d+):(\d+)/.exec(message);
  if (at === null) return false;
  const lines = text.split('\n');
  return Number(at[1]) >= lines.length && Number(at[2]) > (lines.at(-1) ?? '').length;
}
