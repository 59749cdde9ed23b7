import { cellWidth } from './text-width';

/** What the line editor drives: the sandbox shell in the Worker. */
export interface LineShell {
  run(line: string): Promise<{ output: string; cwd: string }>;
  complete(prefix: string): Promise<string[]>;
  cancel(): void;
}

export interface LineTerminal {
  write(text: string): void;
  readonly cols: number;
}

const HOME = '/home/user';

/**
 * Readline for the sandbox shell (WebContainers bring their own in `jsh`): editing keys, history, Ctrl-C,
 * Ctrl-L, tab completion and paste. Keys typed while a command runs are kept and replayed after it, as a
 * real terminal would.
 */
export class LineEditor {
  private buffer: string[] = [];
  private cursor = 0;
  private history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  private running = false;
  private pending = '';
  /** Command blocks waiting for the running command (a step's "Run" pressed twice). */
  private blocks: string[] = [];
  /** Bumped by restart(): a command of the shell that was replaced reports nothing. */
  private generation = 0;
  private cwd: string;
  /** Cells from the start of the prompt to where xterm's cursor is now. */
  private drawnCursor = 0;
  private readonly firstPrompt: Promise<void>;
  private resolveFirstPrompt!: () => void;

  constructor(
    private readonly terminal: LineTerminal,
    private readonly shell: LineShell,
    cwd: string,
  ) {
    this.cwd = cwd;
    this.firstPrompt = new Promise((resolve) => (this.resolveFirstPrompt = resolve));
  }

  /** Resolves once the first prompt is on screen. */
  get ready(): Promise<void> {
    return this.firstPrompt;
  }

  start(banner = ''): void {
    if (banner) this.terminal.write(banner.replace(/\r?\n/g, '\r\n'));
    this.showPrompt();
    this.resolveFirstPrompt();
  }

  /** Keystrokes or pasted text from the terminal. */
  handle(data: string): void {
    if (this.running) {
      if (data.includes('\x03')) {
        this.pending = '';
        this.shell.cancel();
        this.terminal.write('^C');
      } else {
        this.pending += data;
      }
      return;
    }
    let rest = data;
    while (rest.length > 0 && !this.running) {
      const key = nextKey(rest);
      rest = rest.slice(key.length);
      this.key(key);
    }
    if (this.running) this.pending += rest;
  }

  private key(key: string): void {
    switch (key) {
      case '\r':
      case '\n':
        return void this.submit();
      case '\x7f':
      case '\b':
        if (this.cursor > 0) this.edit(() => this.buffer.splice(--this.cursor, 1));
        return;
      case '\x1b[3~':
        return this.edit(() => this.buffer.splice(this.cursor, 1));
      case '\x03':
        this.terminal.write('^C\r\n');
        this.buffer = [];
        this.cursor = 0;
        return this.showPrompt();
      case '\x0c':
        this.terminal.write('\x1b[2J\x1b[3J\x1b[H');
        this.drawnCursor = 0;
        return this.redraw(true);
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
      default:
        if (key.startsWith('\x1b') || key < ' ') return;
        this.edit(() => {
          const chars = [...key];
          this.buffer.splice(this.cursor, 0, ...chars);
          this.cursor += chars.length;
        });
    }
  }

  /**
   * A step's command block: shown after the prompt as if typed (its continuation lines under `> `, as bash
   * shows them) and run as one script, after whatever is running now.
   */
  runBlock(block: string): void {
    if (this.running) {
      this.blocks.push(block);
      return;
    }
    this.buffer = [];
    this.cursor = 0;
    this.redraw(false);
    this.terminal.write(`${block.replace(/\r?\n/g, '\r\n> ')}\r\n`);
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
    this.cwd = cwd;
    this.terminal.write('\r\n');
    this.showPrompt();
    const typed = this.pending;
    this.pending = '';
    if (typed) this.handle(typed);
  }

  private async submit(): Promise<void> {
    const line = this.buffer.join('');
    this.move(this.buffer.length);
    this.terminal.write('\r\n');
    this.buffer = [];
    this.cursor = 0;
    await this.execute(line);
  }

  private async execute(line: string): Promise<void> {
    const generation = this.generation;
    if (line.trim() !== '') {
      if (this.history.at(-1) !== line) this.history.push(line);
      this.running = true;
      let shown: string;
      try {
        const { output, cwd } = await this.shell.run(line);
        this.cwd = cwd;
        shown = output === '' ? '' : output.replace(/\r?\n/g, '\r\n') + (output.endsWith('\n') ? '' : '\r\n');
      } catch (error) {
        shown = `\x1b[31m${String(error instanceof Error ? error.message : error)}\x1b[0m\r\n`;
      }
      if (generation !== this.generation) return;
      this.terminal.write(shown);
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
    this.move(this.buffer.length);
    this.terminal.write(`\r\n${candidates.join('  ')}\r\n`);
    this.drawnCursor = 0;
    this.redraw(true);
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
    const shown =
      this.cwd === HOME ? '~' : this.cwd.startsWith(`${HOME}/`) ? `~${this.cwd.slice(HOME.length)}` : this.cwd;
    return `\x1b[1;32muser@meshdojo\x1b[0m:\x1b[1;34m${shown}\x1b[0m$ `;
  }

  private showPrompt(): void {
    this.drawnCursor = 0;
    this.redraw(true);
  }

  private edit(change: () => void): void {
    change();
    this.redraw(false);
  }

  private move(cursor: number): void {
    this.cursor = cursor;
    this.placeCursor(this.offsetOf(this.buffer.length), this.offsetOf(cursor));
  }

  private offsetOf(index: number): number {
    return cellWidth(this.prompt()) + cellWidth(this.buffer.slice(0, index).join(''));
  }

  /** Rewrites prompt and line from their first row (fresh: the cursor is already at a line start). */
  private redraw(fresh: boolean): void {
    const cols = Math.max(1, this.terminal.cols);
    let out = '';
    if (!fresh) {
      const rows = Math.floor(this.drawnCursor / cols);
      out += (rows > 0 ? `\x1b[${rows}A` : '') + '\r';
    } else {
      out += '\r';
    }
    const end = this.offsetOf(this.buffer.length);
    out += `\x1b[J${this.prompt()}${this.buffer.join('')}`;
    // At the exact end of a row xterm waits to wrap; a space and a backspace make it wrap now.
    if (end > 0 && end % cols === 0) out += ' \b';
    this.terminal.write(out);
    this.drawnCursor = end;
    this.placeCursor(end, this.offsetOf(this.cursor));
  }

  private placeCursor(from: number, to: number): void {
    const cols = Math.max(1, this.terminal.cols);
    const current = this.drawnCursor === from ? from : this.drawnCursor;
    const up = Math.floor(current / cols) - Math.floor(to / cols);
    let out = up > 0 ? `\x1b[${up}A` : up < 0 ? `\x1b[${-up}B` : '';
    out += '\r' + (to % cols > 0 ? `\x1b[${to % cols}C` : '');
    this.terminal.write(out);
    this.drawnCursor = to;
  }
}

/** The next key in `data`: one escape sequence or one (possibly astral) character. */
function nextKey(data: string): string {
  if (data.startsWith('\x1b')) {
    // eslint-disable-next-line no-control-regex
    const match = /^\x1b(\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(data);
    return match ? match[0] : '\x1b';
  }
  return String.fromCodePoint(data.codePointAt(0)!);
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
