/** Which lab comes next for this learner: the first one not done, in course order, after the current one. */
import { labStatus, type Progress } from './progress-data';

/** What "next lab" needs of a lab (a `CatalogueLab` is one). */
export interface NextLabEntry {
  id: string;
  title: string;
  url: string;
  stepIds: readonly string[];
}

/**
 * The first lab after `currentId` (in the order given: course order) that is not done, else the first not
 * done before it; without `currentId`, the first not done. Undefined when every other lab is done.
 */
export function nextLab<T extends NextLabEntry>(
  labs: readonly T[],
  progress: Progress,
  currentId?: string,
): T | undefined {
  const open = (lab: T) => lab.id !== currentId && labStatus(progress, lab.id, lab.stepIds) !== 'done';
  const at = labs.findIndex((lab) => lab.id === currentId);
  return labs.slice(at + 1).find(open) ?? labs.slice(0, at + 1).find(open);
}
