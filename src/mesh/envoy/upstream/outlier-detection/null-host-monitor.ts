import type { HostMonitor } from './outlier-result';

/** The monitor of a host whose cluster has no outlier detection: results go nowhere. */
export const NULL_HOST_MONITOR: HostMonitor = {
  putHttpResponseCode(): void {},
  putResult(): void {},
};
