import type { HeaderValueOption } from '../../xds';
import type { Headers } from '../model/istio-api';

export interface HeadersOperations {
  requestHeadersToAdd: HeaderValueOption[];
  responseHeadersToAdd: HeaderValueOption[];
  requestHeadersToRemove: string[];
  responseHeadersToRemove: string[];
  /** `set`/`add` of Host or :authority rewrites the authority instead of adding a header. */
  authority: string | undefined;
}

const isInternal = (key: string): boolean => key.startsWith(':') || key.toLowerCase() === 'host';
const isAuthority = (key: string): boolean => key.toLowerCase() === ':authority' || key.toLowerCase() === 'host';

function translateAppendHeaders(
  headers: Record<string, string> | undefined,
  append: boolean,
): { options: HeaderValueOption[]; authority: string | undefined } {
  let authority: string | undefined;
  const options: HeaderValueOption[] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (isAuthority(key)) authority = value;
    if (isInternal(key)) continue;
    options.push({
      header: { key, value },
      append_action: append ? 'APPEND_IF_EXISTS_OR_ADD' : 'OVERWRITE_IF_EXISTS_OR_ADD',
    });
  }
  options.sort((a, b) => (a.header.key < b.header.key ? -1 : a.header.key > b.header.key ? 1 : 0));
  return { options, authority };
}

/** Istio's TranslateHeadersOperations: `set` overwrites, `add` appends, `remove` drops (never pseudo-headers). */
export function translateHeadersOperations(headers: Headers): HeadersOperations {
  const reqSet = translateAppendHeaders(headers.request?.set, false);
  const reqAdd = translateAppendHeaders(headers.request?.add, true);
  const respSet = translateAppendHeaders(headers.response?.set, false);
  const respAdd = translateAppendHeaders(headers.response?.add, true);
  return {
    requestHeadersToAdd: [...reqSet.options, ...reqAdd.options],
    responseHeadersToAdd: [...respSet.options, ...respAdd.options],
    requestHeadersToRemove: (headers.request?.remove ?? []).filter((k) => !isInternal(k)),
    responseHeadersToRemove: (headers.response?.remove ?? []).filter((k) => !isInternal(k)),
    authority: reqSet.authority ?? reqAdd.authority,
  };
}
