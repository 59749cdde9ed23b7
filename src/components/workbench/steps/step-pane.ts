// The left pane's behaviour: one step at a time (n / N, previous / next, the list of steps), hints revealed one
// by one, "why" once the step's checks pass, and a "Run" button beside each command block that types the block
// into the terminal. The markup is LabSteps.astro's; what is done comes from the check reports.
import { format, type LabStrings } from '../strings';
import { fillFactSlots, type FactsByCheck } from './your-run';

export interface StepState {
  /** Steps whose every check passed, by id. */
  readonly passed: ReadonlySet<string>;
}

export interface StepPane {
  /** The step on screen. */
  current(): string | undefined;
  show(stepId: string, options?: { focus?: boolean }): void;
  /**
   * Marks steps done or not; a passed step shows its "why", with what its checks saw in the last run and, when
   * the step has a "your run" text, that text filled with the facts its checks measured.
   */
  update(state: StepState, seen?: Readonly<Record<string, readonly string[]>>, facts?: FactsByCheck): void;
}

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);

/** A command block's text as the learner reads it (Expressive Code keeps one element per line). */
function blockText(pre: HTMLElement): string {
  const lines = pre.querySelectorAll<HTMLElement>('.ec-line');
  if (lines.length === 0) return (pre.textContent ?? '').trimEnd();
  return [...lines].map((line) => line.textContent ?? '').join('\n');
}

export function bindStepPane(
  root: HTMLElement,
  strings: LabStrings,
  runInTerminal: (block: string) => void,
  onChange: (stepId: string) => void,
  locale: 'ko' | 'en',
): StepPane {
  const articles = [...root.querySelectorAll<HTMLElement>('[data-step]')];
  const ids = articles.map((article) => article.dataset['step']!);
  const prev = root.querySelector<HTMLButtonElement>('[data-step-prev]')!;
  const next = root.querySelector<HTMLButtonElement>('[data-step-next]')!;
  const complete = root.querySelector<HTMLElement>('[data-steps-complete]')!;
  let index = 0;

  const show = (stepId: string, options: { focus?: boolean } = {}) => {
    const at = ids.indexOf(stepId);
    if (at < 0) return;
    index = at;
    articles.forEach((article, i) => (article.hidden = i !== at));
    root.querySelectorAll<HTMLElement>('[data-step-go]').forEach((button) => {
      if (button.dataset['stepGo'] === stepId) button.setAttribute('aria-current', 'step');
      else button.removeAttribute('aria-current');
    });
    prev.disabled = at === 0;
    next.disabled = at === ids.length - 1;
    if (options.focus) articles[at]!.querySelector<HTMLElement>('h2')?.focus();
    onChange(stepId);
  };

  prev.addEventListener('click', () => show(ids[index - 1]!, { focus: true }));
  next.addEventListener('click', () => show(ids[index + 1]!, { focus: true }));
  root
    .querySelectorAll<HTMLButtonElement>('[data-step-go]')
    .forEach((button) => button.addEventListener('click', () => show(button.dataset['stepGo']!, { focus: true })));

  for (const article of articles) {
    const button = article.querySelector<HTMLButtonElement>('[data-action="hint"]');
    const hints = [...article.querySelectorAll<HTMLElement>('[data-hint]')];
    button?.addEventListener('click', () => {
      const nextHint = hints.find((hint) => hint.hidden);
      if (nextHint === undefined) return;
      nextHint.hidden = false;
      const shown = hints.filter((hint) => !hint.hidden).length;
      if (shown === hints.length) button.hidden = true;
      else button.textContent = format(strings['lab.steps.hint.show'], { n: shown + 1, total: hints.length });
    });
    for (const pre of article.querySelectorAll<HTMLElement>('[data-step-body] pre[data-language]')) {
      if (!SHELL_LANGUAGES.has(pre.dataset['language'] ?? '')) continue;
      const run = document.createElement('button');
      run.type = 'button';
      run.className = 'lab-run';
      run.textContent = strings['lab.steps.run'];
      run.addEventListener('click', () => runInTerminal(blockText(pre)));
      (pre.closest('figure') ?? pre).after(run);
    }
  }

  return {
    current: () => ids[index],
    show,
    update(state, seen, facts = new Map()) {
      for (const id of ids) {
        const done = state.passed.has(id);
        const item = root.querySelector<HTMLElement>(`[data-step-item="${CSS.escape(id)}"]`);
        item?.classList.toggle('done', done);
        const label = item?.querySelector<HTMLElement>('[data-step-done]');
        if (label) label.hidden = !done;
        const why = articles[ids.indexOf(id)]?.querySelector<HTMLElement>('[data-why]');
        if (why) why.hidden = !done;
        const yourRun = why?.querySelector<HTMLElement>('[data-your-run]');
        if (yourRun) fillFactSlots(yourRun, facts, locale);
      }
      for (const [step, lines] of Object.entries(seen ?? {})) {
        const host = articles[ids.indexOf(step)]?.querySelector<HTMLElement>('[data-why-seen]');
        if (!host) continue;
        const list = document.createElement('ul');
        list.append(...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
        host.replaceChildren(...(lines.length > 0 ? [list] : []));
      }
      complete.hidden = !ids.every((id) => state.passed.has(id));
    },
  };
}
