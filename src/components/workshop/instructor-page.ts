/**
 * The instructor's page: the key from the address's fragment becomes the instructor cookie (POST
 * /api/instructor/session; the fragment never reaches a server and is removed from the address bar at once), then
 * the workshops, the create form, and a workshop's board (`?workshop=<id>`, so a reload stays on it).
 */
import type { Workshop } from '../../workshop/protocol';
import { callApi } from './api';
import { mountBoard } from './board-page';
import { mountCreateForm } from './create-form';
import { errorText, format, type WorkshopStrings } from './strings';
import type { WorkshopLab } from './workshop-catalogue';

export async function mountInstructorPage(
  root: HTMLElement,
  t: WorkshopStrings,
  labs: readonly WorkshopLab[],
  locale: 'ko' | 'en',
): Promise<void> {
  const $ = <E extends HTMLElement>(name: string) => root.querySelector<E>(`[data-instructor-${name}]`)!;
  const status = $('status');
  const say = (text: string) => {
    status.textContent = text;
    status.dataset['outcome'] = 'refused';
  };
  const labsById = new Map(labs.map((lab) => [lab.id, lab]));

  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  if (key !== null) {
    history.replaceState(history.state, '', location.pathname + location.search);
    const session = await callApi('POST', '/api/instructor/session', { key });
    if (!session.ok)
      say(
        session.status === 401 || session.status === 400
          ? t['workshop.instructor.badKey']
          : errorText(t, session.status, session.error),
      );
  }

  let stopBoard: (() => void) | undefined;
  const show = async (workshopId: string | undefined) => {
    stopBoard?.();
    stopBoard = undefined;
    $('home').hidden = workshopId !== undefined;
    $('board').hidden = workshopId === undefined;
    if (workshopId !== undefined) {
      stopBoard = mountBoard($('board'), workshopId, labsById, t, locale);
      return;
    }
    const list = await callApi<Workshop[]>('GET', '/api/workshops');
    if (!list.ok) {
      $('home').hidden = true;
      return say(list.status === 401 ? t['workshop.instructor.noKey'] : errorText(t, list.status, list.error));
    }
    status.textContent = '';
    drawList($('list'), list.value, t, open);
  };
  const open = (workshopId: string | undefined) => {
    const url = new URL(location.href);
    if (workshopId === undefined) url.searchParams.delete('workshop');
    else url.searchParams.set('workshop', workshopId);
    history.pushState(null, '', url);
    void show(workshopId);
  };
  addEventListener('popstate', () => void show(new URL(location.href).searchParams.get('workshop') ?? undefined));
  $('back').addEventListener('click', () => open(undefined));
  mountCreateForm($<HTMLFormElement>('create'), labs, t, (workshop) => open(workshop.id));
  await show(new URL(location.href).searchParams.get('workshop') ?? undefined);
}

function drawList(
  host: HTMLElement,
  workshops: readonly Workshop[],
  t: WorkshopStrings,
  open: (id: string) => void,
): void {
  if (workshops.length === 0) {
    const empty = document.createElement('p');
    empty.textContent = t['workshop.list.empty'];
    host.replaceChildren(empty);
    return;
  }
  const list = document.createElement('ul');
  for (const workshop of [...workshops].sort((a, b) => b.createdAt - a.createdAt)) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = format(t['workshop.list.open'], { title: workshop.title });
    button.addEventListener('click', () => open(workshop.id));
    const code = document.createElement('code');
    code.textContent = workshop.code;
    item.append(button, ' ', code);
    if (workshop.closedAt !== undefined) item.append(` (${t['workshop.list.closed']})`);
    list.append(item);
  }
  host.replaceChildren(list);
}
