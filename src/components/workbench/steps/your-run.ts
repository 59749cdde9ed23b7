// A step's "your run" text on the lab page: the build turns each `{check-id.fact}` of the rendered Markdown into
// an empty slot, and after a check run the page fills the slots with what the learner's checks measured
// (CheckRunResult.facts). The placeholder syntax is src/labs/your-run.ts's, which validates every lab's texts and
// fills them for `meshdojo check`; the page keeps its own copy of the pattern so the lab registry stays out of
// the page's script.

/** `{check-id.factName}` as src/labs/your-run.ts defines it. */
const PLACEHOLDER = /\{([a-z][a-z0-9-]*)\.([a-z][a-zA-Z0-9]*)\}/g;

/** At build: the rendered HTML with a `<span data-fact="check.fact">` slot for each placeholder. */
export function factSlots(html: string): string {
  return html.replace(PLACEHOLDER, (_, check: string, fact: string) => `<span data-fact="${check}.${fact}"></span>`);
}

export type FactsByCheck = ReadonlyMap<string, Readonly<Record<string, string | number>>>;

/**
 * In the page: fills the section's slots and shows it when every slot has a fact; otherwise hides it (an older
 * report, or a check that did not pass this time: half the numbers would mislead). Text only, never markup.
 */
export function fillFactSlots(section: HTMLElement, facts: FactsByCheck, locale: 'ko' | 'en'): void {
  const slots = [...section.querySelectorAll<HTMLElement>('[data-fact]')];
  const values = slots.map((slot) => {
    const [check, fact] = (slot.dataset['fact'] ?? '').split('.');
    return facts.get(check ?? '')?.[fact ?? ''];
  });
  // The facts come from storage too: only plain numbers and text are shown.
  const complete = values.every((value) => typeof value === 'string' || Number.isFinite(value));
  if (complete) slots.forEach((slot, i) => (slot.textContent = formatFact(values[i]!, locale)));
  section.hidden = !complete;
}

function formatFact(value: string | number, locale: 'ko' | 'en'): string {
  if (typeof value === 'string') return value;
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }).format(value);
}
