import type { LabRuntime } from '../../runtime/types';
import { format, type LabStrings } from './strings';

/** Shows which runtime runs the lab and why, including the reason for a fallback. */
export function showRuntime(line: HTMLElement, runtime: LabRuntime, t: LabStrings): void {
  const name = runtime.kind === 'webcontainer' ? t['lab.runtime.webcontainer'] : t['lab.runtime.sandbox'];
  const reason = format(t[`lab.runtime.reason.${runtime.reason.key}`], { detail: runtime.reason.detail ?? '' });
  line.textContent = `${t['lab.runtime.label']}: ${name} — ${reason}`;
  line.dataset['runtime'] = runtime.kind;
  line.dataset['reason'] = runtime.reason.key;
}
