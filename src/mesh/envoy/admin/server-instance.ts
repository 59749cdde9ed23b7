import type { LoggerLevels } from './logging';
import type { ProxyConfig } from '../config/proxy-config';
import type { KindVersion, Rejection } from '../config/resource-store';
import type { ProxyNode } from '../node';
import type { IstioMetrics } from '../stats/istio-metrics';
import type { StatsStore } from '../stats/store';
import type { AccessLog } from './access-log';

/**
 * What the admin handlers read from their proxy (Envoy: `Server::Instance`, trimmed). An interface, so the
 * admin interface depends on the proxy's state and not on the proxy class that owns it.
 */
export interface ServerInstance {
  readonly node: ProxyNode;
  readonly stats: StatsStore;
  readonly metrics: IstioMetrics;
  readonly accessLog: AccessLog;
  /** Envoy's loggers and their levels, which `/logging` shows and sets. */
  readonly loggers: LoggerLevels;
  /** Calendar instant of clock 0. */
  readonly epochMs: number;
  /** The config requests are served with (undefined before the first accepted push). */
  readonly config: ProxyConfig | undefined;
  /** Last NACK, for /config_dump error_state. */
  readonly lastRejection: Rejection | undefined;
  versionOf(kind: string): KindVersion | undefined;
}
