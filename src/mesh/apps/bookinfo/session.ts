/**
 * productpage's login session: Flask keeps `session['user']` in a signed cookie named `session`
 * (`<payload>.<timestamp>.<signature>`). A tampered cookie is ignored, as itsdangerous ignores it.
 */

const SECRET = 'bookinfo-productpage';

export const SESSION_COOKIE = 'session';

export function encodeSession(user: string, epochMs: number): string {
  const payload = base64Url(JSON.stringify({ user }));
  const stamp = base64Url(String(Math.floor(epochMs / 1000)));
  return `${payload}.${stamp}.${sign(`${payload}.${stamp}`)}`;
}

/** The user a session cookie names, or undefined when absent, malformed or not ours. */
export function decodeSession(cookie: string | undefined): string | undefined {
  const parts = (cookie ?? '').split('.');
  if (parts.length !== 3) return undefined;
  const [payload, stamp, signature] = parts as [string, string, string];
  if (sign(`${payload}.${stamp}`) !== signature) return undefined;
  try {
    const data = JSON.parse(fromBase64Url(payload)) as { user?: unknown };
    return typeof data.user === 'string' ? data.user : undefined;
  } catch {
    return undefined;
  }
}

/** `Set-Cookie` value Flask sends when the session gains a user. */
export function sessionSetCookie(value: string): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; Path=/`;
}

/** `Set-Cookie` value Flask sends when the session becomes empty (logout). */
export const SESSION_CLEAR_COOKIE = `${SESSION_COOKIE}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/`;

function base64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

/** FNV-1a over secret and data: not cryptography, just enough that an edited cookie no longer verifies. */
function sign(data: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${SECRET}|${data}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return base64Url(hash.toString(16).padStart(8, '0'));
}
