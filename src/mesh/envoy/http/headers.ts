import type { Headers } from '../../net';

/**
 * A copy of `headers` without the names in `drop` (lower-case). Copying instead of `delete` keeps the
 * object in V8's fast mode, which every later copy and lookup of it on the data path benefits from.
 */
export function copyWithout(headers: Headers, drop: ReadonlySet<string>): Headers {
  const out: Headers = {};
  for (const name in headers) {
    if (!drop.has(name)) out[name] = headers[name]!;
  }
  return out;
}
