/** One `--resolve` entry: connect to `address` when a URL names `host:port`. */
export interface ResolveEntry {
  host: string;
  /** `*` in curl's syntax matches any port. */
  port: number | '*';
  address: string;
}

/**
 * Parses `host:port:addr[,addr…]` (a leading `+` adds, as the plain form does; IPv6 addresses come in
 * brackets). curl takes the first address; undefined when the entry is malformed (curl's exit 49).
 */
export function parseResolveEntry(text: string): ResolveEntry | undefined {
  const match = /^\+?([^:]+):(\d+|\*):\[?([^\],]+)\]?(?:,.*)?$/.exec(text);
  if (match === null) return undefined;
  return { host: match[1]!.toLowerCase(), port: match[2] === '*' ? '*' : Number(match[2]), address: match[3]! };
}

/** The address `--resolve` gives for `host:port`, if any entry matches. */
export function resolvedAddress(entries: readonly ResolveEntry[], host: string, port: number): string | undefined {
  return entries.find((e) => e.host === host.toLowerCase() && (e.port === '*' || e.port === port))?.address;
}
