/**
 * The progress UI's strings (dotted keys in src/i18n/{ko,en}.json): the lab catalogue, progress in the
 * sidebar, export and import, "next lab" and reviews. Pages resolve them with Astro.locals.t() and hand the
 * client the ones it needs as data, as the workbench does.
 */
import { REVIEW_STRING_KEYS } from '../review/review-markup';
import { uiStringsOf, type UiStrings } from '../workbench/strings';

export const PROGRESS_STRING_KEYS = [
  'labs.page.title',
  'labs.page.intro',
  'labs.list.title',
  'labs.field.lesson',
  'labs.field.kind',
  'labs.field.time',
  'labs.field.difficulty',
  'labs.field.status',
  'labs.kind.config',
  'labs.kind.code',
  'labs.minutes',
  'labs.difficulty.beginner',
  'labs.difficulty.intermediate',
  'labs.difficulty.advanced',
  'progress.status.not-started',
  'progress.status.in-progress',
  'progress.status.done',
  'progress.status.steps',
  'progress.next.label',
  'progress.next.allDone',
  'progress.transfer.title',
  'progress.transfer.intro',
  'progress.export',
  'progress.import',
  'progress.import.done',
  'progress.import.not-json',
  'progress.import.not-progress',
  'progress.import.newer-version',
  'progress.import.unreadable',
  'review.label',
  'review.after',
  ...REVIEW_STRING_KEYS,
] as const;

export type ProgressStringKey = (typeof PROGRESS_STRING_KEYS)[number];
export type ProgressStrings = UiStrings<ProgressStringKey>;

/** The page's language from its URL (`/en/…` or `/ko/…`), which works inside and outside Starlight's route. */
export function localeOf(url: URL): 'ko' | 'en' {
  return url.pathname.startsWith('/en/') ? 'en' : 'ko';
}

/** The strings a client widget needs, picked from the page's set. */
export function pickStrings<K extends ProgressStringKey>(strings: ProgressStrings, keys: readonly K[]): UiStrings<K> {
  const picked: Readonly<Record<string, string | undefined>> = strings;
  return Object.fromEntries(
    keys.flatMap((key) => (picked[key] === undefined ? [] : [[key, picked[key]]])),
  ) as UiStrings<K>;
}

/** The progress strings of one language, straight from the JSON (placeholders left for the client). */
export async function progressStrings(locale: 'ko' | 'en'): Promise<ProgressStrings> {
  const all = (await (locale === 'ko' ? import('../../i18n/ko.json') : import('../../i18n/en.json'))).default as Record<
    string,
    string
  >;
  return uiStringsOf(all, PROGRESS_STRING_KEYS);
}
