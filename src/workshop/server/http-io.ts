/**
 * Reading requests and writing answers for the workshop API: bodies with a size limit enforced while they arrive
 * (before any parsing), zod validation into 400s, cookies, and JSON answers that are never cached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { MAX_BODY_BYTES, type ApiError } from '../protocol';
import { HttpError } from './http-error';

/** Reads the body as JSON, refusing one larger than MAX_BODY_BYTES (413) or not JSON (400), then validates it. */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away mid-body: nobody reads the answer, but it must not count as a server failure.
    throw new HttpError(400, 'aborted', 'the body was cut short');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid-json', 'the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'invalid-body', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

// Connection: close, as the rest of the body is not read.
const tooLarge = () =>
  new HttpError(413, 'too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`, { connection: 'close' });

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

export function sendError(res: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  const body: ApiError = { error: error.code, message: error.message };
  sendJson(res, error.status, body);
}

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

/**
 * A cookie only the server reads (HttpOnly) and only the API receives (Path=/api). `Secure` is left out on purpose:
 * workshops run on plain http on a LAN, where a Secure cookie would never come back.
 */
export function cookie(name: string, value: string, sameSite: 'Strict' | 'Lax', maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/api; HttpOnly; SameSite=${sameSite}; Max-Age=${maxAgeSeconds}`;
}

/** Adds a Set-Cookie header without dropping one set before. */
export function addCookie(res: ServerResponse, value: string): void {
  const previous = res.getHeader('set-cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  res.setHeader('set-cookie', [...list, value]);
}
