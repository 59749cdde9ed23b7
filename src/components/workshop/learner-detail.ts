/**
 * What the instructor sees on clicking a learner: their last failing check, with the check's title and hint and
 * the step it belongs to, from the course's own lab data.
 */
import { cellKey, type LearnerRow } from './board-model';
import { format, type WorkshopStrings } from './strings';
import type { WorkshopLab } from './workshop-catalogue';

export interface FailingCheck {
  readonly lab: string;
  readonly step: string;
  readonly check: string;
}

/** The check the learner keeps failing, else the failing step they ran last. */
export function lastFailingCheck(row: LearnerRow): FailingCheck | undefined {
  if (row.failure !== undefined) return row.failure;
  let latest: (FailingCheck & { at: number }) | undefined;
  for (const [key, cell] of row.cells) {
    if (cell.status !== 'fail' || cell.failingCheck === undefined) continue;
    const [lab, step] = key.split('/') as [string, string];
    if (latest === undefined || (cell.lastRunAt ?? 0) > latest.at)
      latest = { lab, step, check: cell.failingCheck, at: cell.lastRunAt ?? 0 };
  }
  return latest && { lab: latest.lab, step: latest.step, check: latest.check };
}

export function renderLearnerDetail(
  host: HTMLElement,
  row: LearnerRow,
  labs: ReadonlyMap<string, WorkshopLab>,
  t: WorkshopStrings,
): void {
  const heading = document.createElement('h3');
  heading.textContent = format(t['workshop.detail.title'], { name: row.seat.name });
  const failing = lastFailingCheck(row);
  if (failing === undefined) {
    const none = document.createElement('p');
    none.textContent = t['workshop.detail.none'];
    host.replaceChildren(heading, none);
    return;
  }
  const lab = labs.get(failing.lab);
  const step = lab?.steps.find((s) => s.id === failing.step);
  const check = step?.checks.find((c) => c.id === failing.check);
  const list = document.createElement('dl');
  const add = (term: string, text: string) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = text;
    list.append(dt, dd);
  };
  add(t['workshop.detail.step'], `${lab?.title ?? failing.lab} — ${step?.title ?? failing.step}`);
  add(t['workshop.detail.check'], check?.title ?? failing.check);
  if (check?.hint) add(t['workshop.detail.hint'], check.hint);
  host.replaceChildren(heading, list);
  host.dataset['check'] = cellKey(failing.lab, failing.check);
}
