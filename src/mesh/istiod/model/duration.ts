import { formatDuration } from '../../xds';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/y;

/**
 * Milliseconds for a duration as Istio's YAML writes it (protobuf Duration JSON `"1.5s"`, or the Go
 * forms `"100ms"`, `"1m30s"` the API server also accepts); undefined when it is not one.
 */
export function parseIstioDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const start = PART.lastIndex;
    const m = PART.exec(trimmed);
    if (m === null || m.index !== start) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? total : undefined;
}

/** Envoy's JSON duration for an Istio duration (`"100ms"` → `"0.1s"`); undefined when it does not parse. */
export function toEnvoyDuration(text: string | undefined): string | undefined {
  const ms = parseIstioDuration(text);
  return ms === undefined ? undefined : formatDuration(ms);
}
