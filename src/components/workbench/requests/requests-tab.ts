/**
 * The workbench's Requests tab: the recent requests of the learner's cluster (newest first, a listbox the arrow
 * keys move through) and, for the one chosen, its path as boxes — the client, each proxy with its decisions in
 * the page's language, the server — with a button on each decision an Istio object made, which opens that object
 * in the editor. The runtime explains the requests (LabRuntime.requests/request); this module only shows them.
 */
import type {
  DecisionView,
  HopView,
  InspectedObject,
  LabRuntime,
  Locale,
  RequestSummary,
  RequestView,
} from '../../../runtime/types';
import { format, type LabStrings } from '../strings';
import {
  clientLabel,
  listStatus,
  movedChoice,
  openLabel,
  REQUEST_COLUMNS,
  rowCells,
  serverLabel,
} from './requests-model';

export interface RequestsTab {
  /** The tab was shown: read the list again. */
  shown(): void;
}

export interface RequestsTabOptions {
  runtime: LabRuntime;
  strings: LabStrings;
  locale: Locale;
  /** Opens a decision's object in the editor. */
  openObject(object: InspectedObject): void;
}

export function mountRequests(root: HTMLElement, options: RequestsTabOptions): RequestsTab {
  const { runtime, strings: t, locale } = options;
  const status = root.querySelector<HTMLElement>('[data-requests-status]')!;
  const listbox = root.querySelector<HTMLElement>('[data-requests-list]')!;
  const detail = root.querySelector<HTMLElement>('[data-requests-detail]')!;
  const panel = root.closest<HTMLElement>('[role="tabpanel"]');
  const list = runtime.requests?.bind(runtime);
  const explain = runtime.request?.bind(runtime);

  let requests: RequestSummary[] = [];
  let chosen: RequestSummary | undefined;
  /** Only the latest read is shown: an older answer may arrive after it. */
  let listRead = 0;
  let detailRead = 0;

  const showDetail = async (request: RequestSummary) => {
    const read = ++detailRead;
    const view = await explain!(request.id).catch((error: unknown) => error as Error);
    if (read !== detailRead) return;
    if (view instanceof Error)
      detail.replaceChildren(paragraph(format(t['lab.requests.failed'], { error: view.message })));
    else if (view === null) detail.replaceChildren(paragraph(t['lab.requests.gone']));
    else detail.replaceChildren(...renderRequest(view, t, options.openObject));
  };

  const choose = (index: number) => {
    const request = requests[index];
    if (request === undefined) return;
    chosen = request;
    markChosen(index);
    void showDetail(request);
  };
  const markChosen = (index: number) => {
    for (const [i, option] of [...listbox.children].entries())
      option.setAttribute('aria-selected', String(i === index));
    const option = listbox.children[index];
    if (option === undefined) listbox.removeAttribute('aria-activedescendant');
    else {
      listbox.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };

  const refresh = async () => {
    if (list === undefined || explain === undefined) {
      status.textContent = t['lab.requests.unavailable'];
      listbox.hidden = true;
      return;
    }
    const read = ++listRead;
    let answer;
    try {
      answer = await list();
    } catch (error) {
      if (read === listRead)
        status.textContent = format(t['lab.requests.failed'], {
          error: error instanceof Error ? error.message : String(error),
        });
      return;
    }
    if (read !== listRead) return;
    requests = answer.requests;
    status.textContent = listStatus(answer, t, locale);
    listbox.replaceChildren(...requests.map((request, i) => renderRow(request, i)));
    const index = chosen === undefined ? -1 : requests.findIndex((r) => r.id === chosen!.id);
    markChosen(index);
    if (index < 0) return;
    // The chosen request is explained again only when it changed (it finished): a redraw would take the focus
    // from a button in the detail.
    const now = requests[index]!;
    if (now.done !== chosen!.done || now.status !== chosen!.status || now.durationMs !== chosen!.durationMs) {
      chosen = now;
      void showDetail(now);
    }
  };

  listbox.addEventListener('click', (event) => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (option !== null) choose(Number(option.dataset['index']));
  });
  listbox.addEventListener('keydown', (event) => {
    const current = chosen === undefined ? -1 : requests.findIndex((r) => r.id === chosen!.id);
    const next = movedChoice(event.key, current, requests.length);
    if (next === undefined) return;
    event.preventDefault();
    choose(next);
  });

  runtime.onTraffic?.(() => {
    if (panel?.hidden !== true) void refresh();
  });
  return { shown: () => void refresh() };
}

function renderRow(request: RequestSummary, index: number): HTMLElement {
  const option = document.createElement('li');
  option.setAttribute('role', 'option');
  option.id = `lab-request-${index}`;
  option.dataset['index'] = String(index);
  option.className = 'lab-requests-row';
  if (request.done && request.status >= 400) option.dataset['failed'] = '';
  const cells = rowCells(request);
  option.append(...REQUEST_COLUMNS.map((column) => span(cells[column], `lab-requests-cell-${column}`)));
  return option;
}

function renderRequest(view: RequestView, t: LabStrings, open: (object: InspectedObject) => void): HTMLElement[] {
  const heading = document.createElement('h3');
  heading.textContent = `${view.method} ${view.authority}${view.path}`;
  const answer = paragraph(view.answer);
  const parts: HTMLElement[] = [heading, answer];
  if (view.verdict !== undefined) {
    const why = paragraph('');
    why.className = 'lab-requests-verdict';
    why.append(span(`${t['lab.requests.why']}: `, 'lab-requests-label'), view.verdict);
    parts.push(why);
  }
  const path = document.createElement('ol');
  path.className = 'lab-requests-path';
  path.append(endBox(clientLabel(view, t)));
  path.append(...view.hops.map((hop) => hopBox(hop, t, open)));
  const server = serverLabel(view, t);
  if (server !== undefined) path.append(endBox(server));
  parts.push(path);
  if (view.children.length > 0) {
    const calls = document.createElement('section');
    calls.className = 'lab-requests-calls';
    const title = document.createElement('h4');
    title.textContent = t['lab.requests.calls'];
    calls.append(title);
    for (const child of view.children) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${child.method} ${child.authority}${child.path} ${child.answer}`;
      details.append(summary, ...renderRequest(child, t, open).slice(1));
      calls.append(details);
    }
    parts.push(calls);
  }
  return parts;
}

function endBox(text: string): HTMLElement {
  const box = document.createElement('li');
  box.className = 'lab-requests-end';
  box.textContent = text;
  return box;
}

function hopBox(hop: HopView, t: LabStrings, open: (object: InspectedObject) => void): HTMLElement {
  const box = document.createElement('li');
  box.className = 'lab-requests-hop';
  box.dataset['kind'] = hop.kind;
  const title = document.createElement('h4');
  title.append(span(hop.role, 'lab-requests-role'), ` ${hop.proxy}`);
  box.append(title, paragraph(hop.listener, 'lab-requests-listener'));
  if (hop.arrival !== undefined) box.append(paragraph(hop.arrival));
  const decisions = document.createElement('ul');
  decisions.append(...hop.decisions.map((decision) => decisionItem(decision, t, open)));
  box.append(decisions);
  if (hop.answer !== undefined) box.append(paragraph(hop.answer, 'lab-requests-answer'));
  return box;
}

function decisionItem(decision: DecisionView, t: LabStrings, open: (object: InspectedObject) => void): HTMLElement {
  const item = document.createElement('li');
  if (decision.cause) {
    item.dataset['cause'] = '';
    const mark = span(t['lab.requests.why'], 'lab-requests-cause');
    mark.title = t['lab.requests.cause'];
    item.append(mark, ' ');
  }
  item.append(decision.text);
  const object = decision.object;
  if (object !== undefined) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['object'] = `${object.kind}/${object.namespace}/${object.name}`;
    button.textContent = openLabel(object, t);
    button.title = t['lab.requests.open.title'];
    button.addEventListener('click', () => open(object));
    item.append(' ', button);
  }
  return item;
}

function span(text: string, className: string): HTMLElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

function paragraph(text: string, className?: string): HTMLElement {
  const element = document.createElement('p');
  if (className !== undefined) element.className = className;
  element.textContent = text;
  return element;
}
