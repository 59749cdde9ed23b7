import { allRuntimes, RUNTIMES } from './runtimes';
import { AUTO_REASONS, CHOICE_REASONS } from './select';
import type { LabRuntime, Locale, Texts } from './types';

/**
 * The status line's words for a booted runtime in `locale`: its name, and why it runs (`{{detail}}` is left
 * for the page to fill in). A reason is the chooser's or an alternative runtime's (the fallback gives none).
 */
export function describeRuntime(runtime: Pick<LabRuntime, 'kind' | 'reason'>, locale: Locale) {
  const reasons = new Map<string, Texts>([
    ...Object.entries(CHOICE_REASONS),
    ...Object.entries(AUTO_REASONS),
    ...RUNTIMES.alternatives.flatMap((alternative) => Object.entries(alternative.reasons)),
  ]);
  const name = allRuntimes().find((candidate) => candidate.kind === runtime.kind)?.name[locale] ?? runtime.kind;
  return { name, reason: reasons.get(runtime.reason.key)?.[locale] ?? runtime.reason.key };
}
