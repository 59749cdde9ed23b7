/**
 * What the Requests tab says, apart from the DOM: a row's cells, the path's end boxes, the command that opens a
 * decision's object, and where the arrow keys move the choice.
 */
import type { HopView, InspectedObject, Locale, RequestSummary, RequestView } from '../../../runtime/types';
import { format, formatCount, type LabStrings } from '../strings';

/** The list's columns, in order, with the header each shows. */
export const REQUEST_COLUMNS = ['method', 'authority', 'path', 'code', 'flags', 'duration'] as const;
export type RequestColumn = (typeof REQUEST_COLUMNS)[number];

/** A row's cells as `meshdojo trace list` prints them: `-` for what an unfinished request does not know yet. */
export function rowCells(request: RequestSummary): Record<RequestColumn, string> {
  return {
    method: request.method,
    authority: request.authority,
    path: request.path,
    code: request.done ? String(request.status) : '-',
    flags: request.flags,
    duration: request.done ? `${request.durationMs}ms` : '-',
  };
}

/** What the status line says about the list. */
export function listStatus(
  list: { recording: boolean; requests: readonly RequestSummary[] },
  t: LabStrings,
  locale: Locale,
): string {
  const off = list.recording ? '' : ` ${t['lab.requests.off']}`;
  if (list.requests.length === 0) return `${t['lab.requests.empty']}${off}`;
  return `${formatCount(t, 'lab.requests.count', list.requests.length, locale)}${off}`;
}

/** Who sent the request: the app beside the first proxy when that is a client sidecar, else a client without one. */
export function clientLabel(view: RequestView, t: LabStrings): string {
  const first: HopView | undefined = view.hops[0];
  return first?.kind === 'outbound'
    ? format(t['lab.requests.client.pod'], { pod: first.proxy })
    : t['lab.requests.client.outside'];
}

/** The path's last box, when a server answered: the address the last proxy passed the request to. */
export function serverLabel(view: RequestView, t: LabStrings): string | undefined {
  return view.server === undefined ? undefined : format(t['lab.requests.server'], { address: view.server });
}

/** `kubectl edit virtualservice reviews -n default`: what a learner would type to open the object. */
export function editCommand(object: InspectedObject): string {
  return `kubectl edit ${object.kind.toLowerCase()} ${object.name} -n ${object.namespace}`;
}

export function openLabel(object: InspectedObject, t: LabStrings): string {
  return format(t['lab.requests.open'], { kind: object.kind, name: `${object.namespace}/${object.name}` });
}

/** The row a key moves the choice to in a list of `count` (undefined: the key does not move it). */
export function movedChoice(key: string, current: number, count: number, page = 10): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const from = current < 0 ? -1 : current;
  const to: Record<string, number> = {
    ArrowDown: from + 1,
    ArrowUp: from < 0 ? 0 : from - 1,
    Home: 0,
    End: last,
    PageDown: from + page,
    PageUp: from - page,
  };
  const next = to[key];
  return next === undefined ? undefined : Math.min(last, Math.max(0, next));
}
