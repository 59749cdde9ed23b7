/**
 * The workshop pages' strings (dotted keys `workshop.*` in src/i18n/{ko,en}.json), handed to the client as data
 * like the workbench's (see ../workbench/strings.ts).
 */
import { uiStringsOf, type UiStrings } from '../workbench/strings';

export { format } from '../workbench/strings';

/** What the banner and the lab lock need on every course page (the rest stays on the workshop pages). */
export const BANNER_STRING_KEYS = [
  'workshop.banner.label',
  'workshop.banner.joinedAs',
  'workshop.banner.leave',
  'workshop.banner.closed',
  'workshop.banner.countdown',
  'workshop.locked.title',
  'workshop.locked.text',
] as const;

export const WORKSHOP_STRING_KEYS = [
  ...BANNER_STRING_KEYS,
  'workshop.join.title',
  'workshop.join.intro',
  'workshop.join.code',
  'workshop.join.name',
  'workshop.join.submit',
  'workshop.join.joined',
  'workshop.join.start',
  'workshop.join.error.invalid',
  'workshop.join.error.not-found',
  'workshop.join.error.closed',
  'workshop.error.rate-limited',
  'workshop.error.network',
  'workshop.error.other',
  'workshop.instructor.title',
  'workshop.instructor.noKey',
  'workshop.instructor.badKey',
  'workshop.list.title',
  'workshop.list.empty',
  'workshop.list.open',
  'workshop.list.closed',
  'workshop.create.title',
  'workshop.create.name',
  'workshop.create.labs',
  'workshop.create.chosen',
  'workshop.create.up',
  'workshop.create.down',
  'workshop.create.locale',
  'workshop.create.pacing',
  'workshop.create.pacing.open',
  'workshop.create.pacing.unlocked',
  'workshop.create.submit',
  'workshop.create.noLabs',
  'workshop.board.code',
  'workshop.board.joinAt',
  'workshop.board.qr',
  'workshop.board.learners',
  'workshop.board.table',
  'workshop.board.learner',
  'workshop.board.status',
  'workshop.board.completion',
  'workshop.board.live',
  'workshop.board.reconnecting',
  'workshop.cell.pass',
  'workshop.cell.fail',
  'workshop.cell.not-tried',
  'workshop.stuck.failing',
  'workshop.stuck.idle',
  'workshop.stuck.minutes',
  'workshop.detail.title',
  'workshop.detail.none',
  'workshop.detail.step',
  'workshop.detail.check',
  'workshop.detail.hint',
  'workshop.message.label',
  'workshop.message.countdown',
  'workshop.message.send',
  'workshop.message.sent',
  'workshop.unlock.next',
  'workshop.unlock.all',
  'workshop.csv',
  'workshop.close',
  'workshop.close.confirm',
  'workshop.closed',
  'workshop.back',
] as const;

export type WorkshopStringKey = (typeof WORKSHOP_STRING_KEYS)[number];
export type WorkshopStrings = UiStrings<WorkshopStringKey>;

export async function workshopStrings(locale: 'ko' | 'en'): Promise<WorkshopStrings> {
  const all = (await (locale === 'ko' ? import('../../i18n/ko.json') : import('../../i18n/en.json'))).default as Record<
    string,
    string
  >;
  return uiStringsOf(all, WORKSHOP_STRING_KEYS);
}

/** The message for an API error code, in the page's language. */
export function errorText(t: WorkshopStrings, status: number, code: string): string {
  if (status === 0) return t['workshop.error.network'];
  if (status === 429) return t['workshop.error.rate-limited'];
  return t['workshop.error.other'].replace('{{code}}', code);
}
