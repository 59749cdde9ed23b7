/**
 * A WAI-ARIA tab list with automatic activation: arrows, Home and End move between tabs (roving tabindex),
 * and `onSelect` is told which tab is now selected.
 */
export function makeTabs(list: HTMLElement, onSelect: (tab: HTMLElement) => void): { select(tab: HTMLElement): void } {
  const tabs = () => [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
  const select = (tab: HTMLElement) => {
    for (const other of tabs()) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
    }
    onSelect(tab);
  };
  list.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
    if (tab) select(tab);
  });
  list.addEventListener('keydown', (event) => {
    const all = tabs();
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = all[(next + all.length) % all.length]!;
    tab.focus();
    select(tab);
  });
  return { select };
}
