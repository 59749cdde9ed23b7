/**
 * The pages' one way to the workshop API (same origin, cookies included): JSON in, JSON out, and every failure
 * as a status and the server's stable error code, so the page can say what happened in its own language.
 */
import type { ApiError } from '../../workshop/protocol';

export type ApiAnswer<T> =
  | { readonly ok: true; readonly status: number; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly error: string };

/** `status` 0: no answer at all (offline, server down). */
export async function callApi<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, status: 0, error: 'network' };
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (response.ok) return { ok: true, status: response.status, value: json as T };
  const error = (json as Partial<ApiError> | undefined)?.error;
  return { ok: false, status: response.status, error: typeof error === 'string' ? error : `http-${response.status}` };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
