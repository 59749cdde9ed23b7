import type { Locale, Texts } from '../types';
import { HistorySearch } from './history-search';
import { LineDrawing, type LineTerminal } from './line-drawing';
import { unfinishedCommand } from '../../mesh/cli/shell/shell-words';

export type { LineTerminal };

/** What the line editor drives: the sandbox shell in the Worker. */
export interface LineShell {
  run(line: string): Promise<{ output: string; cwd: string }>;
  complete(prefix: string): Promise<string[]>;
  cancel(): void;
}

const HOME = '/home/user';

/**
 * The most characters one command may hold (with its continuation lines): far above any command or manifest a
 * lab needs, and small enough that drawing it stays one quick write to the terminal.
 */
export const COMMAND_LIMIT = 65_536;

const TOO_LONG: Texts = {
  ko: `meshdojo: 명령 하나는 ${COMMAND_LIMIT.toLocaleString('ko')}자를 넘을 수 없습니다. 붙여 넣은 나머지 부분은 입력하지 않았습니다.`,
  en: `meshdojo: a command can hold at most ${COMMAND_LIMIT.toLocaleString('en')} characters; the rest of this input was not taken.`,
};

/**
 * Readline for the sandbox shell (WebContainers bring their own in `jsh`): editing keys, history, Ctrl-C,
 * Ctrl-L, Ctrl-R (history-search.ts), tab completion and paste. Keys typed while a command runs are kept and replayed after it, as a
 * real terminal would. A command left unfinished (an open quote or here-document, a trailing `\\`, `|`, `&&`)
 * goes on under `> `, as bash's does. Whatever arrives at once (a paste) is drawn once, and a command is
 * capped at COMMAND_LIMIT characters with a message.
 */
export class LineEditor {
  private buffer: string[] = [];
  private cursor = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  /** Ctrl-R's search while it runs. */
  private search: HistorySearch | undefined;
  private running = false;
  /** The last character the running line printed as it went (the prompt must start on a new line after it). */
  private printedLast: string | undefined;
  private pending = '';
  /** Command blocks waiting for the running command (a step's "Run" pressed twice). */
  private blocks: string[] = [];
  /** Bumped by restart(): a command of the shell that was replaced reports nothing. */
  private generation = 0;
  private cwd: string;
  /** The lines of an unfinished command entered so far (shown under `> `). */
  private continued: string[] = [];
  private readonly drawing: LineDrawing;
  /** Set when input went past COMMAND_LIMIT: the rest of that chunk is dropped. */
  private overflowed = false;
  private readonly firstPrompt: Promise<void>;
  private resolveFirstPrompt!: () => void;

  constructor(
    terminal: LineTerminal,
    private readonly shell: LineShell,
    cwd: string,
    private readonly locale: Locale = 'en',
    /** Lines run earlier (the journal of a cluster brought back after a reload): ↑ and Ctrl-R reach them. */
    earlier: readonly string[] = [],
  ) {
    this.cwd = cwd;
    this.history = [...earlier];
    this.historyIndex = this.history.length;
    this.drawing = new LineDrawing(terminal, () => ({
      prompt: this.prompt(),
      chars: this.buffer,
      cursor: this.cursor,
    }));
    this.firstPrompt = new Promise((resolve) => (this.resolveFirstPrompt = resolve));
  }

  /** Resolves once the first prompt is on screen. */
  get ready(): Promise<void> {
    return this.firstPrompt;
  }

  start(banner = ''): void {
    if (banner) this.drawing.write(banner.replace(/\r?\n/g, '\r\n'));
    this.showPrompt();
    this.resolveFirstPrompt();
  }

  /** Keystrokes or pasted text from the terminal. */
  handle(data: string): void {
    if (this.running) {
      if (data.includes('\x03')) {
        this.pending = '';
        this.shell.cancel();
        // On a line of its own, as bash shows it: the prompt that follows is drawn from the next line's start.
        this.drawing.write('^C\r\n');
      } else {
        this.pending += data;
      }
      return;
    }
    let rest = data;
    this.drawing.batch(() => {
      while (rest.length > 0 && !this.running && !this.overflowed) {
        const key = nextKey(rest);
        rest = rest.slice(key.length);
        this.key(key);
      }
    });
    if (this.overflowed) {
      this.overflowed = false;
      this.say(TOO_LONG[this.locale]);
    } else if (this.running) {
      this.pending += rest;
    }
  }

  private key(key: string): void {
    if (this.search) return this.searchKey(this.search, key);
    switch (key) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        if (this.cursor > 0) this.edit(() => this.buffer.splice(--this.cursor, 1));
        return;
      case '\x1b[3~':
        return this.edit(() => this.buffer.splice(this.cursor, 1));
      case '\x03':
        this.write('^C\r\n');
        this.buffer = [];
        this.cursor = 0;
        this.continued = [];
        return this.showPrompt();
      case '\x0c':
        return this.drawing.clearScreen();
      case '\t':
        return void this.completeWord();
      case '\x1b[A':
        return this.recall(-1);
      case '\x1b[B':
        return this.recall(1);
      case '\x1b[D':
        return this.move(Math.max(0, this.cursor - 1));
      case '\x1b[C':
        return this.move(Math.min(this.buffer.length, this.cursor + 1));
      case '\x01':
      case '\x1b[H':
      case '\x1bOH':
        return this.move(0);
      case '\x05':
      case '\x1b[F':
      case '\x1bOF':
        return this.move(this.buffer.length);
      case '\x15':
        return this.edit(() => (this.buffer.splice(0, this.cursor), (this.cursor = 0)));
      case '\x0b':
        return this.edit(() => this.buffer.splice(this.cursor));
      case '\x17':
        return this.edit(() => this.deleteWordBack());
      case '\x12':
        this.draft = this.buffer.join('');
        this.search = new HistorySearch(this.history);
        return this.edit(() => undefined);
      default:
        if (key.startsWith('\x1b') || key < ' ') return;
        this.insert(key);
    }
  }

  /** Typed or pasted text at the cursor, unless the command would grow past COMMAND_LIMIT. */
  private insert(text: string): void {
    const chars = [...text];
    const held = this.continued.reduce((sum, line) => sum + line.length + 1, this.buffer.length);
    if (held + chars.length > COMMAND_LIMIT) {
      this.overflowed = true;
      return;
    }
    this.edit(() => {
      // Not splice(…, ...chars): tens of thousands of arguments in one call can overflow the stack.
      this.buffer = [...this.buffer.slice(0, this.cursor), ...chars, ...this.buffer.slice(this.cursor)];
      this.cursor += chars.length;
    });
  }

  /**
   * A step's command block: shown after the prompt as if typed (its continuation lines under `> `, as bash
   * shows them) and run as one script, after whatever is running now. A command left unfinished is dropped.
   */
  runBlock(block: string): void {
    if (this.running) {
      this.blocks.push(block);
      return;
    }
    this.buffer = [];
    this.cursor = 0;
    this.continued = [];
    this.drawing.changed();
    this.write(`${block.replace(/\r?\n/g, '\r\n> ')}\r\n`);
    void this.execute(block);
  }

  /**
   * The shell behind the prompt stopped and another is on its way: what was running reports nothing, and keys
   * wait (Ctrl-C still reaches the shell) until restart().
   */
  halt(): void {
    this.generation++;
    this.running = true;
  }

  /**
   * The shell behind the prompt was replaced (a new cluster): forget what ran and show a fresh prompt; keys typed
   * meanwhile go to it.
   */
  restart(cwd: string): void {
    this.generation++;
    this.running = false;
    this.blocks = [];
    this.buffer = [];
    this.cursor = 0;
    this.continued = [];
    this.cwd = cwd;
    this.write('\r\n');
    this.showPrompt();
    const typed = this.pending;
    this.pending = '';
    if (typed) this.handle(typed);
  }

  /** Enter: runs the command, or takes the next line under `> ` while the command is unfinished. */
  private submit(): void {
    const line = this.buffer.join('');
    this.move(this.buffer.length);
    this.write('\r\n');
    this.buffer = [];
    this.cursor = 0;
    const command = [...this.continued, line].join('\n');
    if (unfinishedCommand(command) !== undefined) {
      this.continued.push(line);
      return this.showPrompt();
    }
    this.continued = [];
    void this.execute(command);
  }

  private async execute(line: string): Promise<void> {
    const generation = this.generation;
    if (line.trim() !== '') {
      if (this.history.at(-1) !== line) this.history.push(line);
      this.running = true;
      let shown: string;
      this.printedLast = undefined;
      try {
        const { output, cwd } = await this.shell.run(line);
        this.cwd = cwd;
        // The prompt starts on a line of its own, after what the line printed as it ran, too.
        const last = output === '' ? this.printedLast : output.at(-1);
        const ending = last === undefined || last === '\n' ? '' : '\r\n';
        shown = output.replace(/\r?\n/g, '\r\n') + ending;
      } catch (error) {
        shown = `\x1b[31m${String(error instanceof Error ? error.message : error)}\x1b[0m\r\n`;
      }
      if (generation !== this.generation) return;
      this.write(shown);
      this.running = false;
    }
    this.historyIndex = this.history.length;
    this.draft = '';
    this.showPrompt();
    const block = this.blocks.shift();
    if (block !== undefined) return this.runBlock(block);
    const queued = this.pending;
    this.pending = '';
    if (queued) this.handle(queued);
  }

  /** Output of the running line that arrives before it ends (`kubectl get -w`): shown at once. */
  printing(text: string): void {
    if (!this.running) return;
    this.write(text.replace(/\r?\n/g, '\r\n'));
    this.printedLast = text.at(-1);
  }

  private async completeWord(): Promise<void> {
    const before = this.buffer.slice(0, this.cursor).join('');
    const word = before.split(/\s+/).at(-1) ?? '';
    const candidates = await this.shell.complete(before);
    if (candidates.length === 0) return;
    const common = commonPrefix(candidates);
    const single = candidates.length === 1;
    const insertion = common.slice(word.length) + (single && !common.endsWith('/') ? ' ' : '');
    if (insertion !== '') {
      this.edit(() => {
        this.buffer.splice(this.cursor, 0, ...insertion);
        this.cursor += [...insertion].length;
      });
      return;
    }
    this.say(candidates.join('  '));
  }

  /** A line of its own under the command being typed, which is then drawn again below it. */
  private say(text: string): void {
    this.move(this.buffer.length);
    this.write(`\r\n${text}\r\n`);
    this.showPrompt();
  }

  /** A key while Ctrl-R searches: the query grows or shrinks; Ctrl-C/Ctrl-G leave it; any other key takes the line. */
  private searchKey(search: HistorySearch, key: string): void {
    const show = (chars: string) => {
      this.buffer = [...chars];
      this.cursor = this.buffer.length;
    };
    if (key === '\x12') return this.edit(() => (search.older(), show(search.match ?? this.draft)));
    if (key === '\x7f' || key === '\b') return this.edit(() => (search.erase(), show(search.match ?? this.draft)));
    if (key === '\x03' || key === '\x07') {
      this.search = undefined;
      return this.edit(() => show(this.draft));
    }
    if (!key.startsWith('\x1b') && key >= ' ')
      return this.edit(() => (search.type(key), show(search.match ?? this.draft)));
    this.search = undefined;
    this.edit(() => show(search.match ?? this.draft));
    if (key !== '\x1b') this.key(key);
  }

  private recall(step: number): void {
    const next = this.historyIndex + step;
    if (next < 0 || next > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer.join('');
    this.historyIndex = next;
    this.edit(() => {
      this.buffer = [...(next === this.history.length ? this.draft : this.history[next]!)];
      this.cursor = this.buffer.length;
    });
  }

  private deleteWordBack(): void {
    let start = this.cursor;
    while (start > 0 && this.buffer[start - 1] === ' ') start--;
    while (start > 0 && this.buffer[start - 1] !== ' ') start--;
    this.buffer.splice(start, this.cursor - start);
    this.cursor = start;
  }

  private prompt(): string {
    if (this.search) return this.search.prompt;
    if (this.continued.length > 0) return '> ';
    const shown =
      this.cwd === HOME ? '~' : this.cwd.startsWith(`${HOME}/`) ? `~${this.cwd.slice(HOME.length)}` : this.cwd;
    return `\x1b[1;32muser@meshdojo\x1b[0m:\x1b[1;34m${shown}\x1b[0m$ `;
  }

  private showPrompt(): void {
    this.drawing.newPrompt();
  }

  private edit(change: () => void): void {
    change();
    this.drawing.changed();
  }

  private move(cursor: number): void {
    this.cursor = cursor;
    this.drawing.moved();
  }

  private write(text: string): void {
    this.drawing.write(text);
  }
}

/** The next key in `data`: one escape sequence, one control character, or a run of printable text. */
function nextKey(data: string): string {
  if (data.startsWith('\x1b')) {
    // eslint-disable-next-line no-control-regex
    const match = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(data);
    return match ? match[0] : '\x1b';
  }
  // eslint-disable-next-line no-control-regex
  const text = /^[^\x00-\x1f\x7f]+/.exec(data);
  return text ? text[0] : String.fromCodePoint(data.codePointAt(0)!);
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
