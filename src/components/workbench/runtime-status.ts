import { describeRuntime } from '../../runtime/status-texts';
import type { LabRuntime, Locale } from '../../runtime/types';
import { format, type LabStrings } from './strings';

/** Shows which runtime runs the lab and why, including the reason for a fallback. */
export function showRuntime(line: HTMLElement, runtime: LabRuntime, t: LabStrings, locale: Locale): void {
  const { name, reason } = describeRuntime(runtime, locale);
  line.textContent = `${t['lab.runtime.label']}: ${name} — ${format(reason, { detail: runtime.reason.detail ?? '' })}`;
  line.dataset['runtime'] = runtime.kind;
  line.dataset['reason'] = runtime.reason.key;
}
