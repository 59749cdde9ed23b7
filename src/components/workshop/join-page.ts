/**
 * The join form: code (prefilled from `?code=`) and display name → POST /api/join. The server sets the seat
 * cookie; this page keeps what the banner shows (joined-workshop.ts) and links to the workshop's first lab.
 */
import type { LearnerView } from '../../workshop/protocol';
import { callApi } from './api';
import { joinedFromView, readJoined, saveJoined } from './joined-workshop';
import { errorText, format, type WorkshopStrings } from './strings';

const JOIN_ERRORS: Readonly<
  Record<number, 'workshop.join.error.invalid' | 'workshop.join.error.not-found' | 'workshop.join.error.closed'>
> = {
  400: 'workshop.join.error.invalid',
  404: 'workshop.join.error.not-found',
  409: 'workshop.join.error.closed',
};

export function mountJoinPage(root: HTMLElement, t: WorkshopStrings, locale: 'ko' | 'en'): void {
  const form = root.querySelector<HTMLFormElement>('form')!;
  const code = form.querySelector<HTMLInputElement>('[name="code"]')!;
  const name = form.querySelector<HTMLInputElement>('[name="name"]')!;
  const status = root.querySelector<HTMLElement>('[data-join-status]')!;
  const start = root.querySelector<HTMLAnchorElement>('[data-join-start]')!;

  const prefill = new URLSearchParams(location.search).get('code');
  const joined = readJoined();
  if (prefill) code.value = prefill.toUpperCase().slice(0, 6);
  else if (joined !== undefined) code.value = joined.code;
  if (joined !== undefined) name.value = joined.seatName;

  const showJoined = (view: LearnerView) => {
    status.dataset['outcome'] = 'joined';
    status.textContent = format(t['workshop.join.joined'], { title: view.workshop.title, name: view.seat.name });
    const first = view.workshop.labs[0];
    start.hidden = first === undefined;
    if (first !== undefined) start.href = `/${locale}/labs/${first}/`;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button')!;
    button.disabled = true;
    void callApi<LearnerView>('POST', '/api/join', { code: code.value.trim().toUpperCase(), name: name.value.trim() })
      .then((answer) => {
        if (answer.ok) {
          saveJoined(joinedFromView(answer.value, Date.now()));
          showJoined(answer.value);
          start.focus();
          return;
        }
        start.hidden = true;
        status.dataset['outcome'] = 'refused';
        const key = JOIN_ERRORS[answer.status];
        status.textContent = key === undefined ? errorText(t, answer.status, answer.error) : t[key];
      })
      .finally(() => (button.disabled = false));
  });
}
