/** ValidateDestinationRule: host, traffic policies (top level, per port, per subset) and subsets. */
import {
  isDns1123Label,
  validateDuration,
  validateLabels,
  validatePercent,
  validateWildcardDomain,
  validateWorkloadSelector,
} from './checks';
import { arr, num, obj, present, str, type Json } from './json';
import { Validation } from './validation';

export function validateDestinationRule(spec: Json): Validation {
  const v = new Validation();
  v.error(validateWildcardDomain(str(spec.host)));
  if (present(spec.trafficPolicy)) v.add(validateTrafficPolicy(obj(spec.trafficPolicy) ?? {}));
  const names = new Set<string>();
  for (const item of arr(spec.subsets)) {
    const subset = obj(item);
    if (subset === undefined) {
      v.error('subset may not be null');
      continue;
    }
    const name = str(subset.name);
    if (names.has(name)) v.error(`duplicate subset names: ${name}`);
    names.add(name);
    if (name === '') v.error('subset name cannot be empty');
    else if (!isDns1123Label(name)) v.error(`subset name is invalid: ${name}`);
    for (const e of validateLabels(subset.labels)) v.error(e);
    if (present(subset.trafficPolicy)) v.add(validateTrafficPolicy(obj(subset.trafficPolicy) ?? {}));
  }
  v.add(validateWorkloadSelector(spec.workloadSelector));
  return v;
}

const POLICY_FIELDS = [
  'outlierDetection',
  'connectionPool',
  'loadBalancer',
  'tls',
  'portLevelSettings',
  'tunnel',
  'proxyProtocol',
  'retryBudget',
];

function validateTrafficPolicy(policy: Json): Validation {
  const v = new Validation();
  if (!POLICY_FIELDS.some((f) => present(policy[f]))) return v.error('traffic policy must have at least one field');
  if (present(policy.tunnel) && present(policy.proxyProtocol))
    return v.error('tunnel and proxyProtocol must not be set together');
  v.add(validateOutlierDetection(obj(policy.outlierDetection)));
  for (const e of connectionPoolErrors(obj(policy.connectionPool))) v.error(e);
  for (const item of arr(policy.portLevelSettings)) {
    const port = obj(item);
    if (port === undefined) {
      v.error('traffic policy may not be null');
      continue;
    }
    if (!present(port.port)) v.error('portTrafficPolicy must have valid port');
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((f) => present(port[f])))
      v.error('port traffic policy must have at least one field');
    else {
      v.add(validateOutlierDetection(obj(port.outlierDetection)));
      for (const e of connectionPoolErrors(obj(port.connectionPool))) v.error(e);
    }
  }
  return v;
}

function validateOutlierDetection(outlier: Json | undefined): Validation {
  const v = new Validation();
  if (outlier === undefined) return v;
  if (present(outlier.baseEjectionTime)) v.error(validateDuration(outlier.baseEjectionTime));
  if (num(outlier.consecutiveErrors) !== 0)
    v.warn(
      'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead',
    );
  if (outlier.splitExternalLocalOriginErrors !== true && num(outlier.consecutiveLocalOriginFailures) > 0)
    v.error(
      'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
    );
  if (present(outlier.interval)) v.error(validateDuration(outlier.interval));
  v.error(validatePercent(num(outlier.maxEjectionPercent)));
  v.error(validatePercent(num(outlier.minHealthPercent)));
  return v;
}

function connectionPoolErrors(pool: Json | undefined): string[] {
  if (pool === undefined) return [];
  const http = obj(pool.http);
  const tcp = obj(pool.tcp);
  if (http === undefined && tcp === undefined) return ['connection pool must have at least one field'];
  const errors: string[] = [];
  const duration = (value: unknown): void => {
    if (present(value)) {
      const error = validateDuration(value);
      if (error !== undefined) errors.push(error);
    }
  };
  if (http !== undefined) {
    if (num(http.http1MaxPendingRequests) < 0) errors.push('http1 max pending requests must be non-negative');
    if (num(http.http2MaxRequests) < 0) errors.push('http2 max requests must be non-negative');
    if (num(http.maxRequestsPerConnection) < 0) errors.push('max requests per connection must be non-negative');
    if (num(http.maxRetries) < 0) errors.push('max retries must be non-negative');
    duration(http.idleTimeout);
    if (http.h2UpgradePolicy === 'UPGRADE' && http.useClientProtocol === true)
      errors.push('use client protocol must not be true when H2UpgradePolicy is UPGRADE');
    if (num(http.maxConcurrentStreams) < 0) errors.push('max concurrent streams must be non-negative');
  }
  if (tcp !== undefined) {
    if (num(tcp.maxConnections) < 0) errors.push('max connections must be non-negative');
    duration(tcp.connectTimeout);
    duration(tcp.maxConnectionDuration);
    // `0s` switches the idle timeout off: not a duration below 1ms.
    if (present(tcp.idleTimeout) && !/^0+(\.0+)?(s|ms|m|h)?$/.test(str(tcp.idleTimeout))) duration(tcp.idleTimeout);
  }
  return errors;
}
