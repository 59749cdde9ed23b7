/**
 * "Next lab" in the page: a link to the first lab not done after the current one (next-lab.ts), or word
 * that every lab is done. With a current lab it stays hidden until that lab is done, so the workbench can
 * hold it from the start and it appears the moment the last step passes.
 */
import { labStatus, onProgress, readProgress, type Progress } from './progress';
import { nextLab, type NextLabEntry } from './next-lab';

export const NEXT_LAB_STRING_KEYS = ['progress.next.label', 'progress.next.allDone', 'labs.page.title'] as const;
export type NextLabStrings = Record<(typeof NEXT_LAB_STRING_KEYS)[number], string>;

export interface NextLabOptions {
  /** Every lab in course order (a page gets them from `labCatalogue`). */
  labs: readonly NextLabEntry[];
  /** The lab the learner is in: nothing shows until it is done. */
  current?: string;
  /** Where "every lab is done" links to: the catalogue in the page's language. */
  catalogueUrl: string;
  strings: NextLabStrings;
}

function link(href: string, text: string): HTMLAnchorElement {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  return anchor;
}

/** Renders into `element` and keeps it current with progress. Returns the unsubscribe. */
export function mountNextLab(element: HTMLElement, options: NextLabOptions): () => void {
  const { labs, current, catalogueUrl, strings: t } = options;
  const currentSteps = labs.find((lab) => lab.id === current)?.stepIds ?? [];
  const show = (progress: Progress) => {
    const due = current === undefined || labStatus(progress, current, currentSteps) === 'done';
    if (element.hidden === due) element.hidden = !due;
    if (!due) return;
    const next = nextLab(labs, progress, current);
    const shown = next === undefined ? 'all-done' : next.id;
    if (element.dataset.nextLab === shown) return;
    element.dataset.nextLab = shown;
    if (next === undefined) {
      element.replaceChildren(`${t['progress.next.allDone']} `, link(catalogueUrl, t['labs.page.title']));
    } else {
      const label = document.createElement('strong');
      label.textContent = t['progress.next.label'];
      element.replaceChildren(label, ' ', link(next.url, `${next.title} →`));
    }
  };
  show(readProgress());
  return onProgress(show);
}
