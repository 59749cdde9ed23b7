import { allRuntimes, RUNTIMES } from './runtimes';
import { CHOICE_REASONS } from './select';
import type { LabRuntime, Locale, Texts } from './types';

/**
 * The status line's words for a booted runtime in `locale`: its name, and why it runs (`{{detail}}` is left
 * for the page to fill in). A reason is the chooser's or a preferred runtime's (the fallback gives none).
 */
export function describeRuntime(runtime: Pick<LabRuntime, 'kind' | 'reason'>, locale: Locale) {
  const reasons = new Map<string, Texts>([
    ...Object.entries(CHOICE_REASONS),
    ...RUNTIMES.preferred.flatMap((preferred) => Object.entries(preferred.reasons)),
  ]);
  const name = allRuntimes().find((candidate) => candidate.kind === runtime.kind)?.name[locale] ?? runtime.kind;
  return { name, reason: reasons.get(runtime.reason.key)?.[locale] ?? runtime.reason.key };
}
