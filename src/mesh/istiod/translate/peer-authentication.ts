import type { Labels, MutualTLSMode, PeerAuthenticationSpec } from '../model/istio-api';
import type { Config } from '../model/config';
import type { MeshSnapshot } from '../model/snapshot';
import { hasSelector, selectorMatches } from '../model/labels';

/** The mode a server side actually runs (UNSET has been resolved through its parents). */
export type EffectiveMtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** UNSET (or absent) inherits from the parent scope. */
function inherit(mode: MutualTLSMode | undefined, parent: EffectiveMtlsMode): EffectiveMtlsMode {
  return mode === undefined || mode === 'UNSET' ? parent : mode;
}

function oldest(
  policies: readonly Config<PeerAuthenticationSpec>[],
  pick: (p: Config<PeerAuthenticationSpec>) => boolean,
): Config<PeerAuthenticationSpec> | undefined {
  return policies.find(pick);
}

/**
 * The mode from mesh and namespace policies only (no selector): mesh (root namespace) < namespace;
 * nothing at all means PERMISSIVE.
 */
export function namespaceMtlsMode(snapshot: MeshSnapshot, namespace: string): EffectiveMtlsMode {
  const root = snapshot.meshConfig.rootNamespace;
  const noSelector = (p: Config<PeerAuthenticationSpec>): boolean => !hasSelector(p.spec.selector?.matchLabels);
  const mesh = oldest(snapshot.peerAuthentications, (p) => p.meta.namespace === root && noSelector(p));
  const ns = oldest(snapshot.peerAuthentications, (p) => p.meta.namespace === namespace && noSelector(p));
  return inherit(ns?.spec.mtls?.mode, inherit(mesh?.spec.mtls?.mode, 'PERMISSIVE'));
}

/**
 * The server-side mode for one workload port: mesh < namespace < workload selector (the oldest matching
 * policy wins), then the workload policy's `portLevelMtls` for that container port.
 */
export function effectiveMtlsMode(
  snapshot: MeshSnapshot,
  workload: { namespace: string; labels: Labels },
  port?: number,
): EffectiveMtlsMode {
  const parent = namespaceMtlsMode(snapshot, workload.namespace);
  const policy = oldest(
    snapshot.peerAuthentications,
    (p) =>
      p.meta.namespace === workload.namespace &&
      hasSelector(p.spec.selector?.matchLabels) &&
      selectorMatches(p.spec.selector?.matchLabels, workload.labels),
  );
  const mode = inherit(policy?.spec.mtls?.mode, parent);
  if (port === undefined || policy === undefined) return mode;
  return inherit(policy.spec.portLevelMtls?.[String(port)]?.mode, mode);
}
