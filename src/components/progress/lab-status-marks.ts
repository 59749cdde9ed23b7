/**
 * A lab's status where the page lists it (the catalogue's cards, the sidebar's lab entries), filled in
 * from the learner's progress and kept current as it changes, in this tab or another.
 */
import { format } from '../workbench/strings';
import { labStatus, onProgress, readProgress, stepsPassed, type Progress } from './progress';

export const STATUS_STRING_KEYS = [
  'progress.status.not-started',
  'progress.status.in-progress',
  'progress.status.done',
  'progress.status.steps',
] as const;
export type StatusStrings = Record<(typeof STATUS_STRING_KEYS)[number], string>;

/** "Done", "Not started", or "In progress · 2 of 5 steps passed" (for a lab of more than one step). */
export function statusText(
  progress: Progress,
  lab: { id: string; stepIds: readonly string[] },
  t: StatusStrings,
): string {
  const status = labStatus(progress, lab.id, lab.stepIds);
  const text = t[`progress.status.${status}`];
  if (status !== 'in-progress' || lab.stepIds.length < 2) return text;
  const steps = format(t['progress.status.steps'], {
    passed: stepsPassed(progress, lab.id, lab.stepIds),
    total: lab.stepIds.length,
  });
  return `${text} · ${steps}`;
}

/**
 * Keeps each element's lab (`data-lab-id`) status on it: `data-lab-status` (for its mark) and the text of
 * its `[data-lab-status-text]`. Writes only what changed: on a lesson page every DOM change restyles the
 * whole document (docs/architecture.md, Starlight's `:has()` list rule). Returns the unsubscribe.
 */
export function showLabStatuses(
  elements: readonly HTMLElement[],
  stepIds: Readonly<Record<string, readonly string[]>>,
  t: StatusStrings,
): () => void {
  const show = (progress: Progress) => {
    for (const element of elements) {
      const id = element.dataset.labId ?? '';
      const lab = { id, stepIds: Object.hasOwn(stepIds, id) ? stepIds[id]! : [] };
      const status = labStatus(progress, id, lab.stepIds);
      if (element.dataset.labStatus !== status) element.dataset.labStatus = status;
      const label = element.querySelector('[data-lab-status-text]');
      const text = statusText(progress, lab, t);
      if (label !== null && label.textContent !== text) label.textContent = text;
    }
  };
  show(readProgress());
  return onProgress(show);
}
