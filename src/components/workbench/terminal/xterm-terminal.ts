// The only module that imports @xterm/xterm; the rest of the workbench sees a TerminalPort.
import '../layout/adopted-styles';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalPort } from '../../../runtime/types';
import {
  MONO_FONT_SIZE as FONT_SIZE,
  drawsText,
  monoFontFamily,
  monoFontLoaded,
  onMonoFontFaceLoaded,
} from '../mono-font';

/**
 * xterm.js throws away everything written past 50 MB of unparsed data ("write data discarded"); past this much
 * in flight, writes wait for it to catch up instead.
 */
const HIGH_WATER = 4_000_000;

export interface MountedTerminal extends TerminalPort {
  fit(): void;
  focus(): void;
  dispose(): void;
}

/**
 * An xterm.js terminal in `host`: fits its box, opens links in a new tab, copies the selection on Ctrl-C
 * (only when something is selected; otherwise Ctrl-C interrupts, as in a real terminal) and uses the course's
 * monospace face, which draws Hangul at double width on any machine.
 */
export async function mountTerminal(host: HTMLElement, label: string, firstText = ''): Promise<MountedTerminal> {
  // xterm measures its cell once, when it opens: measured on a fallback font, the cells would stay that size
  // after the course's face arrives, and every line would be drawn too wide or too narrow. `firstText` (what the
  // terminal shows first) is loaded too, so its Hangul needs no second measuring either.
  await monoFontLoaded(firstText);
  const fontFamily = monoFontFamily();
  const styles = getComputedStyle(document.documentElement);
  const terminal = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily,
    fontSize: FONT_SIZE,
    // At 1.0 a row is as tall as the font's line, and the underscore lies on its last pixel row, where a
    // rounding at some zoom levels clips it ("GATEWAY_URL" read "GATEWAY URL"); 1.2 leaves it room.
    lineHeight: 1.2,
    scrollback: 5000,
    screenReaderMode: false,
    allowProposedApi: false,
    theme: {
      background: styles.getPropertyValue('--sl-color-black').trim() || '#17181c',
      foreground: styles.getPropertyValue('--sl-color-white').trim() || '#ffffff',
    },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener')));
  terminal.attachCustomKeyEventHandler((event) => {
    const copy =
      event.type === 'keydown' && (event.ctrlKey || event.metaKey) && event.key === 'c' && terminal.hasSelection();
    if (copy) {
      void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => {});
      terminal.clearSelection();
      return false;
    }
    return true;
  });
  terminal.open(host);
  terminal.textarea?.setAttribute('aria-label', label);
  fit.fit();
  const observer = new ResizeObserver(() => {
    if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
  });
  observer.observe(host);
  // xterm keeps each character's measured width; a Hangul syllable measured before its slice of the face
  // arrived keeps a fallback's width (the syllables after it are drawn apart). Any change of the font option
  // makes xterm measure again, so set it away and back (in one task: nothing is drawn in between). Only a slice
  // that draws a character this terminal was given counts: measuring again lays out every row and restyles the
  // whole page (~50–80 ms), and the editor's slices arrive while the lab is starting.
  const given = new Set<number>();
  const stopRemeasuring = onMonoFontFaceLoaded((faces) => {
    if (!drawsText(faces, String.fromCodePoint(...given))) return;
    terminal.options.fontFamily = 'monospace';
    terminal.options.fontFamily = fontFamily;
  });
  const write = flowControlled(terminal);
  return {
    write: (text) => {
      // Latin is loaded before the terminal opens; only other characters can still be drawn by a fallback.
      if (BEYOND_LATIN.test(text))
        for (const char of text) if (char.codePointAt(0)! > 0x7e) given.add(char.codePointAt(0)!);
      write(text);
    },
    onData: (listener) => {
      const subscription = terminal.onData(listener);
      return () => subscription.dispose();
    },
    // A clear screen by escape sequences (attributes off, cursor home, screen and scrollback erased), in order
    // with what is written next: xterm's reset() also sets every option again, which rewrites its style sheet
    // and restyles the whole page, right when the lab's first prompt is due.
    reset: () => write('\x1b[0m\x1b[H\x1b[2J\x1b[3J'),
    get cols() {
      return terminal.cols;
    },
    fit: () => fit.fit(),
    focus: () => terminal.focus(),
    dispose: () => (stopRemeasuring(), observer.disconnect(), terminal.dispose()),
  };
}

/** A character past printable ASCII (see monoFontLoaded). */
const BEYOND_LATIN = /[\u007f-\u{10ffff}]/u;

/** Writes in order, never more than HIGH_WATER characters ahead of what xterm has parsed. */
function flowControlled(terminal: Terminal): (text: string) => void {
  let inFlight = 0;
  const held: string[] = [];
  const send = (text: string) => {
    inFlight += text.length;
    terminal.write(text, () => {
      inFlight -= text.length;
      while (held.length > 0 && inFlight < HIGH_WATER) send(held.shift()!);
    });
  };
  return (text) => {
    if (inFlight < HIGH_WATER && held.length === 0) send(text);
    else held.push(text);
  };
}
