/**
 * Tab belongs to the terminal (completion) and to the editor (indentation), so neither lets focus go by Tab
 * alone. Escape, then Tab (or Shift+Tab) moves focus to the next (or previous) control outside the region, as
 * the hint under the terminal says: a keyboard user is never trapped (WCAG 2.1.2). Escape itself still reaches
 * the editor or terminal (it closes Monaco's widgets).
 */
const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]';

export function bindFocusExit(region: HTMLElement): void {
  let armed = false;
  region.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') {
        armed = true;
        return;
      }
      if (event.key === 'Tab' && armed && !event.ctrlKey && !event.altKey && !event.metaKey) {
        // Capture phase: the terminal and the editor never see this Tab.
        event.preventDefault();
        event.stopPropagation();
        outsideOf(region, event.shiftKey ? 'previous' : 'next')?.focus();
      }
      if (event.key !== 'Shift') armed = false;
    },
    { capture: true },
  );
}

function outsideOf(region: HTMLElement, direction: 'next' | 'previous'): HTMLElement | undefined {
  const candidates = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) =>
      !region.contains(element) &&
      element.tabIndex >= 0 &&
      element.getClientRects().length > 0 &&
      !element.closest('[hidden], [inert]'),
  );
  const after = (element: HTMLElement) =>
    (region.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  return direction === 'next' ? candidates.find(after) : candidates.filter((element) => !after(element)).at(-1);
}
