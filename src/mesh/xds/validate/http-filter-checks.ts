import type { FieldErrors } from './check';

/** Checks one message at `path` (a field path into the resource), recording each problem on `e`. */
export type ConfigCheck = (e: FieldErrors, path: string, config: unknown) => void;

/** What one HTTP filter's typed_config and typed_per_filter_config must hold. */
export interface HttpFilterConfigCheck {
  readonly checkConfig?: ConfigCheck;
  readonly checkPerRouteConfig?: ConfigCheck;
}

/**
 * The HTTP filters whose configs a validation looks into, by filter name. xds checks the structure of
 * resources; what a filter's own config must hold belongs to that filter (src/mesh/envoy/filters), so the
 * proxy passes its filter registry in, and xds imports nothing. A name not found here is not looked into:
 * the data plane ignores HTTP filters it does not have, and so does their validation.
 */
export interface HttpFilterConfigChecks {
  get(filterName: string): HttpFilterConfigCheck | undefined;
}

/** Structure only: no filter's config is looked into (what istiod's own tests check against). */
export const STRUCTURE_ONLY: HttpFilterConfigChecks = { get: () => undefined };
