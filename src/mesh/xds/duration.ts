/**
 * Durations in xDS resources use Envoy's JSON form: a decimal number of seconds followed by `s`
 * ("0.5s", "30s", "0.025s"), exactly as `/config_dump` prints them. Nothing else is accepted, so a
 * resource reads the same here, in config dumps and in Envoy's documentation. Code works in
 * milliseconds: parse once when the config is applied, never on the request path.
 */
export type Duration = string;

const DURATION_PATTERN = /^(\d+)(?:\.(\d{1,9}))?s$/;

/** Milliseconds for an Envoy JSON duration, or undefined when the text is not one. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION_PATTERN.exec(text);
  if (m === null) return undefined;
  const seconds = Number(m[1]);
  const fraction = m[2] === undefined ? 0 : Number(`0.${m[2]}`);
  return Math.round((seconds + fraction) * 1e6) / 1e3;
}

/** Envoy's JSON text for a number of milliseconds (`1500` → `"1.5s"`). */
export function formatDuration(ms: number): Duration {
  const seconds = Math.max(0, ms) / 1000;
  return `${Number(seconds.toFixed(9))}s`;
}
