// The only module that imports @xterm/xterm; the rest of the workbench sees a TerminalPort.
import '../layout/adopted-styles';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalPort } from '../../../runtime/types';
import { monoFontFamily, monoFontLoaded, onMonoFontFaceLoaded } from '../mono-font';

/**
 * xterm.js throws away everything written past 50 MB of unparsed data ("write data discarded"); past this much
 * in flight, writes wait for it to catch up instead.
 */
const HIGH_WATER = 4_000_000;

const FONT_SIZE = 14;

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
export async function mountTerminal(host: HTMLElement, label: string): Promise<MountedTerminal> {
  // xterm measures its cell once, when it opens: measured on a fallback font, the cells would stay that size
  // after the course's face arrives, and every line would be drawn too wide or too narrow.
  await monoFontLoaded(FONT_SIZE);
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
  // makes xterm measure again, so set it away and back (in one task: nothing is drawn in between).
  const stopRemeasuring = onMonoFontFaceLoaded(() => {
    terminal.options.fontFamily = 'monospace';
    terminal.options.fontFamily = fontFamily;
  });
  return {
    write: flowControlled(terminal),
    onData: (listener) => {
      const subscription = terminal.onData(listener);
      return () => subscription.dispose();
    },
    reset: () => terminal.reset(),
    get cols() {
      return terminal.cols;
    },
    fit: () => fit.fit(),
    focus: () => terminal.focus(),
    dispose: () => (stopRemeasuring(), observer.disconnect(), terminal.dispose()),
  };
}

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
