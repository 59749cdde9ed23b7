/**
 * One workshop's board, live: the snapshot (GET …/board) folded into state, then every event of the stream
 * (EventSource on …/events from the snapshot's seq, resuming by itself with Last-Event-ID); the fold skips any
 * event it already has.
 * The controls: a message with an optional countdown, unlock the next lab, the CSV, close.
 */
import type { BoardSnapshot, Message, WorkshopEvent } from '../../workshop/protocol';
import { callApi } from './api';
import { DEFAULT_STUCK_RULES, emptyBoard, foldEvents, runningCountdown, type BoardState } from './board-model';
import { renderBoardTable } from './board-view';
import { formatRemaining } from './countdown';
import { showJoinQr } from './join-qr';
import { renderLearnerDetail } from './learner-detail';
import { errorText, format, type WorkshopStrings } from './strings';
import type { WorkshopLab } from './workshop-catalogue';

const EVENT_TYPES: readonly WorkshopEvent['type'][] = ['learner-joined', 'check-run', 'message', 'unlocked', 'closed'];

export function mountBoard(
  root: HTMLElement,
  workshopId: string,
  labs: ReadonlyMap<string, WorkshopLab>,
  t: WorkshopStrings,
  locale: 'ko' | 'en',
): () => void {
  const $ = <E extends HTMLElement>(name: string) => root.querySelector<E>(`[data-board-${name}]`)!;
  const region = $('region');
  const detail = $('detail');
  const live = $('live');
  const status = $('status');
  const unlock = $<HTMLButtonElement>('unlock');
  const close = $<HTMLButtonElement>('close');
  const messageForm = $<HTMLFormElement>('message');
  const countdown = $('countdown');
  const stuckMinutes = $<HTMLInputElement>('stuck-minutes');
  const base = `/api/workshops/${encodeURIComponent(workshopId)}`;

  let state: BoardState | undefined;
  let clockOffsetMs = 0;
  let chosenSeat: string | undefined;
  let drawing = false;
  const now = () => Date.now() + clockOffsetMs;
  const say = (text: string, refused = false) => {
    status.textContent = text;
    status.dataset['outcome'] = refused ? 'refused' : 'done';
  };

  const draw = () => {
    drawing = false;
    if (state === undefined) return;
    const { workshop } = state;
    const rules = { ...DEFAULT_STUCK_RULES, failingMs: Math.max(1, Number(stuckMinutes.value) || 5) * 60_000 };
    const scroll = [region.scrollLeft, region.scrollTop] as const;
    region.replaceChildren(renderBoardTable({ state, labs, now: now(), rules, t }));
    [region.scrollLeft, region.scrollTop] = scroll;
    $('title').textContent = workshop.title;
    $('code').textContent = workshop.code;
    $('learners').textContent = format(t['workshop.board.learners'], { count: state.learners.size });
    const next = workshop.labs[workshop.unlockedThrough + 1];
    unlock.hidden = workshop.pacing !== 'unlocked';
    unlock.disabled = next === undefined || workshop.closedAt !== undefined;
    unlock.textContent =
      next === undefined
        ? t['workshop.unlock.all']
        : format(t['workshop.unlock.next'], { lab: labs.get(next)?.title ?? next });
    const closed = workshop.closedAt !== undefined;
    close.disabled = closed;
    for (const control of messageForm.elements) (control as HTMLButtonElement).disabled = closed;
    $('closed').hidden = !closed;
    showCountdown(state.messages);
    const row = chosenSeat === undefined ? undefined : state.learners.get(chosenSeat);
    if (row !== undefined) renderLearnerDetail(detail, row, labs, t);
  };
  const redraw = () => {
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(draw);
  };
  const showCountdown = (messages: readonly Message[]) => {
    const running = runningCountdown(messages, now());
    countdown.hidden = running === undefined;
    if (running !== undefined)
      countdown.textContent = `${running.text} — ${format(t['workshop.banner.countdown'], { time: formatRemaining(running.countdownEndsAt! - now()) })}`;
  };

  const loadSnapshot = async () => {
    const answer = await callApi<BoardSnapshot>('GET', `${base}/board`);
    if (!answer.ok) return say(errorText(t, answer.status, answer.error), true);
    clockOffsetMs = answer.value.now - Date.now();
    state = foldEvents(state ?? emptyBoard(answer.value.workshop), answer.value.events);
    if (state.seq === 0) state = { ...state, workshop: answer.value.workshop };
    redraw();
    const joinUrl = `${joinBase(answer.value.joinUrls, locale)}?code=${answer.value.workshop.code}`;
    $('join-url').textContent = format(t['workshop.board.joinAt'], { url: joinUrl });
    void showJoinQr($('qr'), joinUrl, t['workshop.board.qr']);
  };

  let stream: EventSource | undefined;
  /** After the snapshot: the stream starts at its seq, and resumes by itself (Last-Event-ID) after a drop. */
  const openStream = (afterSeq: number) => {
    stream = new EventSource(`${base}/events?lastEventId=${afterSeq}`);
    stream.addEventListener('open', () => (live.textContent = t['workshop.board.live']));
    stream.addEventListener('error', () => (live.textContent = t['workshop.board.reconnecting']));
    for (const type of EVENT_TYPES) {
      stream.addEventListener(type, (event) => {
        try {
          state = foldEvents(state!, [JSON.parse((event as MessageEvent<string>).data) as WorkshopEvent]);
          redraw();
        } catch {
          // a malformed event changes nothing; the next page load reads the board afresh
        }
      });
    }
  };
  const ticker = setInterval(() => {
    if (state !== undefined) showCountdown(state.messages);
  }, 1000);
  const stuckTicker = setInterval(redraw, 15_000);
  stuckMinutes.addEventListener('change', redraw);

  region.addEventListener('click', (event) => {
    const seat = (event.target as HTMLElement).closest<HTMLElement>('[data-learner]')?.dataset['learner'];
    const row = seat === undefined ? undefined : state?.learners.get(seat);
    if (row === undefined) return;
    chosenSeat = seat;
    detail.hidden = false;
    renderLearnerDetail(detail, row, labs, t);
  });

  messageForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(messageForm);
    const minutes = Number(data.get('minutes') || 0);
    const body = {
      text: String(data.get('text') ?? '').trim(),
      ...(minutes > 0 && { countdownSeconds: Math.min(7200, Math.round(minutes * 60)) }),
    };
    void callApi('POST', `${base}/messages`, body).then((answer) => {
      if (!answer.ok) return say(errorText(t, answer.status, answer.error), true);
      messageForm.reset();
      say(t['workshop.message.sent']);
    });
  });
  unlock.addEventListener('click', () => {
    if (state === undefined) return;
    const through = state.workshop.unlockedThrough + 1;
    void callApi('POST', `${base}/unlock`, { through }).then(
      (answer) => answer.ok || say(errorText(t, answer.status, answer.error), true),
    );
  });
  close.addEventListener('click', () => {
    if (!confirm(t['workshop.close.confirm'])) return;
    void callApi('POST', `${base}/close`).then(
      (answer) => answer.ok || say(errorText(t, answer.status, answer.error), true),
    );
  });
  $<HTMLAnchorElement>('csv').href = `${base}/results.csv`;

  void loadSnapshot().then(() => state !== undefined && openStream(state.seq));
  return () => {
    stream?.close();
    clearInterval(ticker);
    clearInterval(stuckTicker);
  };
}

/** Where learners join: the server's LAN address in the page's language when it says, else this page's origin. */
function joinBase(joinUrls: readonly string[] | undefined, locale: 'ko' | 'en'): string {
  const lan = joinUrls?.map((url) => url.replace(/\/(ko|en)\/workshop\/join\/$/, `/${locale}/workshop/join/`))[0];
  return lan ?? `${location.origin}/${locale}/workshop/join/`;
}
