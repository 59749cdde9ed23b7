import type { Headers } from '../../net';

/**
 * What route matching looks at, prepared once per request. The path without its query string and the
 * parsed query parameters are computed only if a matcher asks for them.
 */
export class MatchRequest {
  private pathOnly: string | undefined;
  private params: Map<string, string> | undefined;

  constructor(
    readonly method: string,
    /** Path with query string. */
    readonly path: string,
    readonly authority: string,
    readonly headers: Headers,
  ) {}

  /** The path without `?query` (Envoy's path / safe_regex matching ignores the query string). */
  pathWithoutQuery(): string {
    if (this.pathOnly === undefined) {
      const q = this.path.indexOf('?');
      this.pathOnly = q < 0 ? this.path : this.path.slice(0, q);
    }
    return this.pathOnly;
  }

  queryParameter(name: string): string | undefined {
    if (this.params === undefined) this.params = parseQuery(this.path);
    return this.params.get(name);
  }

  /** A header value, pseudo-headers included; undefined when absent. */
  header(name: string): string | undefined {
    if (name.charCodeAt(0) === 58 /* ':' */) {
      switch (name) {
        case ':method':
          return this.method;
        case ':path':
          return this.path;
        case ':authority':
        case 'host':
          return this.authority;
        case ':scheme':
          return 'http';
        default:
          return undefined;
      }
    }
    if (name === 'host') return this.authority;
    return this.headers[name];
  }
}

export function parseQuery(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = path.indexOf('?');
  if (q < 0) return out;
  for (const part of path.slice(q + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (!out.has(key)) out.set(key, safeDecode(value));
  }
  return out;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}
