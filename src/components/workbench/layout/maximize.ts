/**
 * The terminal's Maximize toggle: the terminal takes the whole workspace (kubectl's wide tables fit without
 * wrapping), the editor and the checks step aside until it is pressed again or a check runs.
 */
export interface MaximizeToggle {
  restore(): void;
}

export function bindMaximize(root: HTMLElement, button: HTMLButtonElement): MaximizeToggle {
  const set = (on: boolean) => {
    button.setAttribute('aria-pressed', String(on));
    if (on) root.dataset['terminalMaximized'] = '';
    else delete root.dataset['terminalMaximized'];
  };
  button.addEventListener('click', () => set(button.getAttribute('aria-pressed') !== 'true'));
  return { restore: () => set(false) };
}
