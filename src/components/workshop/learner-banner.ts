/**
 * On every course page of a browser that has joined a workshop: a banner (title, the latest message, its
 * countdown, leave), the lock on labs the instructor has not opened yet, and the learner's live stream that
 * unlocks them and brings messages. A browser that has joined nothing does nothing here, and asks no server.
 */
import type { LearnerView, Message } from '../../workshop/protocol';
import { callApi } from './api';
import { formatRemaining } from './countdown';
import {
  forgetJoined,
  isLabLocked,
  joinedFromView,
  readJoined,
  saveJoined,
  type JoinedWorkshop,
} from './joined-workshop';
import { workshopReports } from './learner-reports';
import { format, type WorkshopStrings } from './strings';

type BannerStrings = Pick<
  WorkshopStrings,
  | 'workshop.banner.label'
  | 'workshop.banner.joinedAs'
  | 'workshop.banner.leave'
  | 'workshop.banner.closed'
  | 'workshop.banner.countdown'
  | 'workshop.locked.title'
  | 'workshop.locked.text'
>;

export function mountLearnerBanner(host: HTMLElement, t: BannerStrings, labId: string | undefined): void {
  let joined = readJoined();
  if (joined === undefined) return;

  const banner = document.createElement('aside');
  banner.className = 'workshop-banner not-content';
  banner.setAttribute('aria-label', t['workshop.banner.label']);
  banner.innerHTML =
    '<p class="workshop-banner-title"></p><p class="workshop-banner-message" role="status"></p>' +
    '<p class="workshop-banner-countdown" aria-live="off"></p><button type="button"></button>';
  const [title, message, countdown] = [...banner.querySelectorAll('p')] as HTMLElement[];
  const leave = banner.querySelector('button')!;
  leave.textContent = t['workshop.banner.leave'];
  host.prepend(banner);

  let timer: ReturnType<typeof setInterval> | undefined;
  const showCountdown = () => {
    const ends = joined?.latest?.countdownEndsAt;
    const left = ends === undefined ? 0 : ends - (Date.now() + (joined?.clockOffsetMs ?? 0));
    countdown!.hidden = left <= 0;
    countdown!.textContent = format(t['workshop.banner.countdown'], { time: formatRemaining(left) });
    if (left <= 0 && timer !== undefined) clearInterval(timer);
  };
  const render = () => {
    if (joined === undefined) return;
    title!.textContent = format(t['workshop.banner.joinedAs'], { title: joined.title, name: joined.seatName });
    message!.textContent = joined.closed ? t['workshop.banner.closed'] : (joined.latest?.text ?? '');
    if (timer !== undefined) clearInterval(timer);
    showCountdown();
    if (joined.latest?.countdownEndsAt !== undefined) timer = setInterval(showCountdown, 1000);
    showLock(labId !== undefined && !joined.closed && isLabLocked(joined, labId), t);
  };
  const update = (change: Partial<JoinedWorkshop>) => {
    if (joined === undefined) return;
    joined = { ...joined, ...change };
    saveJoined(joined);
    render();
  };
  render();

  let stream: EventSource | undefined;
  leave.addEventListener('click', () => {
    stream?.close();
    forgetJoined();
    joined = undefined;
    if (timer !== undefined) clearInterval(timer);
    showLock(false, t);
    banner.remove();
  });

  const workshopId = joined.id;
  void callApi<LearnerView>('GET', `/api/me?workshop=${encodeURIComponent(workshopId)}`).then((answer) => {
    if (answer.ok) {
      joined = joinedFromView(answer.value, Date.now());
      saveJoined(joined);
      render();
    } else if (answer.status === 401 || answer.status === 404) {
      leave.click(); // the seat is gone (another server, a new database): the learner joins again
      return;
    }
    // Offline (status 0) or not: what was stored stays on show, and the stream retries by itself.
    if (joined === undefined || joined.closed) return;
    const after = answer.ok ? `&lastEventId=${answer.value.seq}` : '';
    stream = new EventSource(`/api/me/events?workshop=${encodeURIComponent(workshopId)}${after}`);
    stream.addEventListener('message', (event) => {
      const latest = parse<{ message: Message }>(event)?.message;
      if (latest !== undefined) update({ latest });
    });
    stream.addEventListener('unlocked', (event) => {
      const through = parse<{ through: number }>(event)?.through;
      if (typeof through === 'number') update({ unlockedThrough: through });
    });
    stream.addEventListener('closed', () => {
      update({ closed: true });
      stream?.close();
    });
    const reports = workshopReports();
    void reports?.wake();
    addEventListener('online', () => void workshopReports()?.wake());
  });
}

function parse<T>(event: Event): T | undefined {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as T;
  } catch {
    return undefined;
  }
}

/** A locked lab keeps its steps readable; the workspace (editor, terminal, checks) waits behind a notice. */
function showLock(locked: boolean, t: BannerStrings): void {
  const workspace = document.querySelector<HTMLElement>('.lab-workspace');
  if (workspace === null) return;
  let notice = document.querySelector<HTMLElement>('[data-workshop-locked]');
  if (locked && notice === null) {
    notice = document.createElement('div');
    notice.className = 'workshop-locked not-content';
    notice.dataset['workshopLocked'] = '';
    notice.setAttribute('role', 'status');
    const heading = document.createElement('h2');
    heading.textContent = t['workshop.locked.title'];
    const text = document.createElement('p');
    text.textContent = t['workshop.locked.text'];
    notice.append(heading, text);
    workspace.before(notice);
  }
  if (!locked) notice?.remove();
  workspace.hidden = locked;
  workspace.inert = locked;
}
