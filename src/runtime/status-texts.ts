import type { Runtimes } from './descriptor';
import { allRuntimes, RUNTIMES } from './runtimes';
import { CHOICE_REASONS } from './select';
import type { LabRuntime, Locale, Texts } from './types';

/** Every reason's texts by key: the chooser's and every preferred runtime's (the fallback gives none). */
export function reasonTexts(runtimes: Runtimes = RUNTIMES): ReadonlyMap<string, Texts> {
  return new Map([
    ...Object.entries(CHOICE_REASONS),
    ...runtimes.preferred.flatMap((runtime) => Object.entries(runtime.reasons)),
  ]);
}

/**
 * The status line's words for a booted runtime in `locale`: its name, and why it runs (`{{detail}}` is left
 * for the page to fill in).
 */
export function describeRuntime(runtime: Pick<LabRuntime, 'kind' | 'reason'>, locale: Locale) {
  const name = allRuntimes().find((candidate) => candidate.kind === runtime.kind)?.name[locale] ?? runtime.kind;
  const reason = reasonTexts().get(runtime.reason.key)?.[locale] ?? runtime.reason.key;
  return { name, reason };
}
