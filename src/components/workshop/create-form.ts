/**
 * The "new workshop" form: a title, labs picked from the course (in course order, titles in the page's language)
 * and put in the room's order with up/down buttons, the default language and the pacing.
 */
import type { CreateWorkshop, Workshop } from '../../workshop/protocol';
import { callApi } from './api';
import { errorText, format, type WorkshopStrings } from './strings';
import type { WorkshopLab } from './workshop-catalogue';

export function mountCreateForm(
  form: HTMLFormElement,
  labs: readonly WorkshopLab[],
  t: WorkshopStrings,
  created: (workshop: Workshop) => void,
): void {
  const picks = form.querySelector<HTMLElement>('[data-lab-picks]')!;
  const order = form.querySelector<HTMLOListElement>('[data-lab-order]')!;
  const status = form.querySelector<HTMLElement>('[data-create-status]')!;
  const titleOf = new Map(labs.map((lab) => [lab.id, lab.title]));
  let chosen: string[] = [];

  for (const lab of labs) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = lab.id;
    label.append(box, ` ${lab.title}`);
    picks.append(label);
    box.addEventListener('change', () => {
      chosen = box.checked ? [...chosen, lab.id] : chosen.filter((id) => id !== lab.id);
      drawOrder();
    });
  }

  const move = (index: number, by: -1 | 1, focusSelector: string) => {
    const other = index + by;
    if (other < 0 || other >= chosen.length) return;
    [chosen[index], chosen[other]] = [chosen[other]!, chosen[index]!];
    drawOrder();
    // Keep the keyboard on the lab that moved.
    order.children[other]?.querySelector<HTMLButtonElement>(focusSelector)?.focus();
  };

  function drawOrder(): void {
    order.replaceChildren(
      ...chosen.map((id, index) => {
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = titleOf.get(id) ?? id;
        const up = button('↑', format(t['workshop.create.up'], { lab: titleOf.get(id) ?? id }), 'up');
        const down = button('↓', format(t['workshop.create.down'], { lab: titleOf.get(id) ?? id }), 'down');
        up.disabled = index === 0;
        down.disabled = index === chosen.length - 1;
        up.addEventListener('click', () => move(index, -1, '[data-move="up"]'));
        down.addEventListener('click', () => move(index, 1, '[data-move="down"]'));
        item.append(name, up, down);
        return item;
      }),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (chosen.length === 0) {
      status.dataset['outcome'] = 'refused';
      status.textContent = t['workshop.create.noLabs'];
      return;
    }
    const data = new FormData(form);
    const body: CreateWorkshop = {
      title: String(data.get('title') ?? '').trim(),
      labs: chosen,
      locale: data.get('locale') === 'en' ? 'en' : 'ko',
      pacing: data.get('pacing') === 'unlocked' ? 'unlocked' : 'open',
    };
    void callApi<Workshop>('POST', '/api/workshops', body).then((answer) => {
      if (answer.ok) {
        status.textContent = '';
        created(answer.value);
      } else {
        status.dataset['outcome'] = 'refused';
        status.textContent = errorText(t, answer.status, answer.error);
      }
    });
  });
}

function button(text: string, label: string, move: 'up' | 'down'): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.dataset['move'] = move;
  element.setAttribute('aria-label', label);
  return element;
}
