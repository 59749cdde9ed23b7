// The only module that imports @xterm/xterm; the rest of the workbench sees a TerminalPort.
import '../layout/adopted-styles';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { TerminalPort } from '../../../runtime/types';

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
 * (only when something is selected; otherwise Ctrl-C interrupts, as in a real terminal) and uses fonts that
 * draw Hangul at double width.
 */
export function mountTerminal(host: HTMLElement, label: string): MountedTerminal {
  const styles = getComputedStyle(document.documentElement);
  const terminal = new Terminal({
    cursorBlink: true,
    convertEol: false,
    // A real monospace face for Latin first (a proportional one would be measured wrong), Hangul from Noto.
    fontFamily: "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans KR', monospace",
    fontSize: 14,
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
    dispose: () => (observer.disconnect(), terminal.dispose()),
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
