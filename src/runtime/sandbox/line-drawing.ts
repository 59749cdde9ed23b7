import { cellWidth } from './text-width';

export interface LineTerminal {
  write(text: string): void;
  readonly cols: number;
}

/** What the prompt's line holds: the prompt, the characters typed, and the cursor's place among them. */
export interface PromptLine {
  readonly prompt: string;
  readonly chars: readonly string[];
  readonly cursor: number;
}

/**
 * Draws the prompt and the line being edited on an xterm-like terminal and knows where its cursor is. In a
 * batch (one chunk of input, a paste) drawing waits: it happens once, at the end or before other output.
 */
export class LineDrawing {
  /** Cells from the start of the prompt to where the terminal's cursor is now. */
  private drawnCursor = 0;
  /** What a batch left to draw: `line` redraws prompt and line, `cursor` moves the cursor only. */
  private stale: 'none' | 'cursor' | 'line' = 'none';
  private batching = false;

  constructor(
    private readonly terminal: LineTerminal,
    private readonly line: () => PromptLine,
  ) {}

  batch(work: () => void): void {
    this.batching = true;
    try {
      work();
    } finally {
      this.batching = false;
      this.flush();
    }
  }

  /** The line's text changed. */
  changed(): void {
    if (this.batching) this.stale = 'line';
    else this.redraw(false);
  }

  /** Only the cursor moved. */
  moved(): void {
    if (this.batching) this.stale = this.stale === 'line' ? 'line' : 'cursor';
    else this.placeCursor(this.offsetOf(this.line().chars.length), this.offsetOf(this.line().cursor));
  }

  /** A new prompt; the terminal's cursor is at the start of a fresh line. */
  newPrompt(): void {
    this.drawnCursor = 0;
    if (this.batching) this.stale = 'line';
    else this.redraw(true);
  }

  clearScreen(): void {
    this.write('\x1b[2J\x1b[3J\x1b[H');
    this.drawnCursor = 0;
    this.redraw(true);
  }

  /** Output of its own: whatever drawing waits goes first. */
  write(text: string): void {
    this.flush();
    this.terminal.write(text);
  }

  private flush(): void {
    const stale = this.stale;
    this.stale = 'none';
    const { chars, cursor } = this.line();
    if (stale === 'line') this.redraw(false);
    else if (stale === 'cursor') this.placeCursor(this.offsetOf(chars.length), this.offsetOf(cursor));
  }

  private offsetOf(index: number): number {
    const { prompt, chars } = this.line();
    return cellWidth(prompt) + cellWidth(chars.slice(0, index).join(''));
  }

  /** Rewrites prompt and line from their first row (fresh: the cursor is already at a line start). */
  private redraw(fresh: boolean): void {
    this.stale = 'none';
    const { prompt, chars, cursor } = this.line();
    const cols = Math.max(1, this.terminal.cols);
    let out = '';
    if (!fresh) {
      const rows = Math.floor(this.drawnCursor / cols);
      out += (rows > 0 ? `\x1b[${rows}A` : '') + '\r';
    } else {
      out += '\r';
    }
    const end = this.offsetOf(chars.length);
    out += `\x1b[J${prompt}${chars.join('')}`;
    // At the exact end of a row xterm waits to wrap; a space and a backspace make it wrap now.
    if (end > 0 && end % cols === 0) out += ' \b';
    this.terminal.write(out);
    this.drawnCursor = end;
    this.placeCursor(end, this.offsetOf(cursor));
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
