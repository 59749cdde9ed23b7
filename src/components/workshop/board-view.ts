/**
 * Draws the board: a table with a row per learner and a column per step of each of the workshop's labs (grouped
 * under the lab), the completion of each step in its footer, and why a learner needs a look. Names are the
 * learners' own input, so everything goes in as text, never as markup.
 */
import { cellKey, stepCompletion, stuckReason, type BoardState, type Cell, type StuckRules } from './board-model';
import { format, type WorkshopStrings } from './strings';
import type { WorkshopLab } from './workshop-catalogue';

const MARK: Record<Cell['status'], string> = { pass: '✓', fail: '✗', 'not-tried': '·' };

export interface BoardViewInput {
  readonly state: BoardState;
  readonly labs: ReadonlyMap<string, WorkshopLab>;
  readonly now: number;
  readonly rules: StuckRules;
  readonly t: WorkshopStrings;
}

export function renderBoardTable(input: BoardViewInput): HTMLTableElement {
  const { state, labs, t } = input;
  const columns = state.workshop.labs.flatMap((labId) =>
    (labs.get(labId)?.steps ?? []).map((step) => ({ lab: labId, step: step.id, title: step.title })),
  );
  const table = element('table', { className: 'workshop-board-table' });
  table.append(element('caption', { className: 'sr-only', textContent: t['workshop.board.table'] }));

  const head = element('thead');
  const labRow = element('tr');
  labRow.append(header('col', t['workshop.board.learner'], 2), header('col', t['workshop.board.status'], 2));
  for (const labId of state.workshop.labs) {
    const th = header('colgroup', labs.get(labId)?.title ?? labId);
    th.colSpan = Math.max(1, labs.get(labId)?.steps.length ?? 1);
    labRow.append(th);
  }
  const stepRow = element('tr');
  columns.forEach((column, index) => {
    const th = header('col', String(index + 1));
    th.title = column.title;
    th.append(element('span', { className: 'sr-only', textContent: ` ${column.title}` }));
    stepRow.append(th);
  });
  head.append(labRow, stepRow);

  const body = element('tbody');
  for (const row of state.learners.values()) {
    const tr = element('tr');
    tr.dataset['seat'] = row.seat.id;
    const name = element('th');
    name.scope = 'row';
    const open = element('button', { type: 'button', textContent: row.seat.name });
    open.dataset['learner'] = row.seat.id;
    name.append(open);
    tr.append(name, element('td', { className: 'workshop-stuck', textContent: stuckText(input, row) }));
    for (const column of columns) {
      const cell = row.cells.get(cellKey(column.lab, column.step)) ?? { status: 'not-tried' };
      const td = element('td', { className: 'workshop-cell' });
      td.dataset['status'] = cell.status;
      td.dataset['step'] = cellKey(column.lab, column.step);
      td.append(element('span', { textContent: MARK[cell.status] }));
      td.firstElementChild!.setAttribute('aria-hidden', 'true');
      const said =
        cell.status === 'fail'
          ? format(t['workshop.cell.fail'], { check: cell.failingCheck ?? '' })
          : t[`workshop.cell.${cell.status}`];
      td.append(element('span', { className: 'sr-only', textContent: said }));
      if (cell.status === 'fail') td.title = said;
      tr.append(td);
    }
    body.append(tr);
  }

  const foot = element('tfoot');
  const totals = element('tr');
  const label = header('row', t['workshop.board.completion']);
  totals.append(label, element('td'));
  for (const column of columns) {
    const { passed, total, percent } = stepCompletion(state, column.lab, column.step);
    const td = element('td', { className: 'workshop-completion', textContent: `${passed}/${total}` });
    td.append(element('br'), `${percent}%`);
    td.dataset['step'] = cellKey(column.lab, column.step);
    totals.append(td);
  }
  foot.append(totals);
  table.append(head, body, foot);
  return table;
}

function stuckText(input: BoardViewInput, row: Parameters<typeof stuckReason>[0]): string {
  const stuck = stuckReason(row, input.now, input.rules);
  if (stuck === undefined) return '';
  if (stuck.kind === 'idle') {
    return format(input.t['workshop.stuck.idle'], { minutes: Math.floor((input.now - stuck.since) / 60_000) });
  }
  return format(input.t['workshop.stuck.failing'], {
    check: stuck.failure.check,
    minutes: Math.floor((input.now - stuck.failure.since) / 60_000),
  });
}

function header(scope: 'col' | 'colgroup' | 'row', text: string, rowSpan = 1): HTMLTableCellElement {
  const th = element('th', { textContent: text });
  th.scope = scope;
  if (rowSpan > 1) th.rowSpan = rowSpan;
  return th;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElementTagNameMap[K], 'className' | 'textContent'>> & { type?: string } = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}
