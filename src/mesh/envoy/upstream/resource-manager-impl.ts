import {
  ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS,
  type CircuitBreakerThresholds,
  type ResourceLimit,
  type ResourceManager,
} from './resource-manager';

/** A counter with a maximum (Envoy: `ResourceManagerImpl::ResourceImpl`). */
export class ResourceLimitImpl implements ResourceLimit {
  private current = 0;

  constructor(readonly max: number) {}

  canCreate(): boolean {
    return this.current < this.max;
  }
  inc(): void {
    this.current++;
  }
  dec(): void {
    // A stray dec() must not make a breaker admit more than its max afterwards.
    if (this.current > 0) this.current--;
  }
  get count(): number {
    return this.current;
  }
  get remaining(): number {
    return Math.max(0, this.max - this.current);
  }
}

export class ResourceManagerImpl implements ResourceManager {
  readonly connections: ResourceLimit;
  readonly pendingRequests: ResourceLimit;
  readonly requests: ResourceLimit;
  readonly retries: ResourceLimit;

  constructor(thresholds: CircuitBreakerThresholds = {}) {
    const d = ISTIO_DEFAULT_CIRCUIT_BREAKER_THRESHOLDS;
    this.connections = new ResourceLimitImpl(validMax(thresholds.maxConnections, d.maxConnections));
    this.pendingRequests = new ResourceLimitImpl(validMax(thresholds.maxPendingRequests, d.maxPendingRequests));
    this.requests = new ResourceLimitImpl(validMax(thresholds.maxRequests, d.maxRequests));
    this.retries = new ResourceLimitImpl(validMax(thresholds.maxRetries, d.maxRetries));
  }
}

/** The default `ResourceManagerFactory`: unset thresholds take Istio's unlimited defaults. */
export function createResourceManager(thresholds?: CircuitBreakerThresholds): ResourceManager {
  return new ResourceManagerImpl(thresholds);
}

function validMax(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 0) return fallback;
  return Math.floor(value);
}
