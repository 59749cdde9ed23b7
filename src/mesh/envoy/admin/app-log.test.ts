import { describe, expect, it } from 'vitest';
import { MESH_EPOCH_MS, VirtualClock } from '../../sim';
import { AccessLog } from './access-log';
import { AppLog } from './app-log';
import { LoggerLevels } from './logging';

describe("Envoy's own log", () => {
  it("writes a logger's lines only at or above its level, in Istio's log format", () => {
    const levels = new LoggerLevels();
    const output = new AccessLog(10);
    const log = new AppLog(levels, output, new VirtualClock(), MESH_EPOCH_MS);
    log.write('rbac', 'debug', 'rbac_filter.cc:128', 'checking request');
    log.write('rbac', 'warning', 'rbac_filter.cc:1', 'a warning');
    expect(log.enabled('rbac', 'debug')).toBe(false);
    levels.update(new URLSearchParams('rbac=debug'));
    log.write('rbac', 'debug', 'rbac_filter.cc:128', 'checking request');
    log.write('http', 'debug', 'conn_manager_impl.cc:1', 'not this one');
    expect(output.entries()).toEqual([
      '2026-01-01T00:00:00.000000Z\twarning\tenvoy rbac rbac_filter.cc:1\ta warning\tthread=21',
      '2026-01-01T00:00:00.000000Z\tdebug\tenvoy rbac rbac_filter.cc:128\tchecking request\tthread=21',
    ]);
  });
});
