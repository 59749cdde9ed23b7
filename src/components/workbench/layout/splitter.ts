/**
 * A pane splitter the keyboard can drive (WAI-ARIA window splitter): arrows move it by 5 %, Home/End to the
 * limits; dragging with a pointer works too. The size is a CSS custom property on `root`, kept across visits.
 */
export function makeSplitter(separator: HTMLElement, root: HTMLElement, property: string, storageKey: string): void {
  const min = Number(separator.getAttribute('aria-valuemin') ?? 20);
  const max = Number(separator.getAttribute('aria-valuemax') ?? 80);
  const vertical = separator.getAttribute('aria-orientation') === 'vertical';
  const set = (value: number) => {
    const clamped = Math.round(Math.min(max, Math.max(min, value)));
    root.style.setProperty(property, `${clamped}%`);
    separator.setAttribute('aria-valuenow', String(clamped));
    try {
      localStorage.setItem(storageKey, String(clamped));
    } catch {
      // Not remembering the size is fine.
    }
  };
  const saved = Number(localStorage.getItem(storageKey));
  if (saved) set(saved);
  separator.addEventListener('keydown', (event) => {
    const now = Number(separator.getAttribute('aria-valuenow'));
    const step = { ArrowLeft: -5, ArrowUp: -5, ArrowRight: 5, ArrowDown: 5 }[event.key];
    if (step !== undefined) set(now + step);
    else if (event.key === 'Home') set(min);
    else if (event.key === 'End') set(max);
    else return;
    event.preventDefault();
  });
  separator.addEventListener('pointerdown', (event) => {
    const container = separator.parentElement!;
    separator.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      const box = container.getBoundingClientRect();
      set(vertical ? ((e.clientX - box.left) / box.width) * 100 : ((e.clientY - box.top) / box.height) * 100);
    };
    const up = () => (
      separator.removeEventListener('pointermove', move),
      separator.removeEventListener('pointerup', up)
    );
    separator.addEventListener('pointermove', move);
    separator.addEventListener('pointerup', up);
  });
}
