import { parse } from 'yaml';
import type { KubeObject } from './kube-api';
import type { MeshConfig } from './mesh-config';

/** Where istiod finds its mesh config: the `mesh` key of this ConfigMap, as Istio's Helm chart writes it. */
export const MESH_CONFIG_MAP = { namespace: 'istio-system', name: 'istio' } as const;

export function isMeshConfigMap(o: KubeObject): boolean {
  return (
    o.kind === 'ConfigMap' &&
    o.metadata.namespace === MESH_CONFIG_MAP.namespace &&
    o.metadata.name === MESH_CONFIG_MAP.name
  );
}

/**
 * The mesh config istiod runs with: `base` overlaid with the fields we model from the ConfigMap's `mesh`
 * YAML. A missing ConfigMap or unreadable YAML leaves `base`, as istiod keeps its defaults.
 */
export function meshConfigFrom(objects: readonly KubeObject[], base: MeshConfig): MeshConfig {
  const map = objects.find(isMeshConfigMap) as (KubeObject & { data?: Record<string, string> }) | undefined;
  const text = map?.data?.['mesh'];
  if (text === undefined) return base;
  let mesh: unknown;
  try {
    mesh = parse(text);
  } catch {
    return base;
  }
  if (typeof mesh !== 'object' || mesh === null) return base;
  const { outboundTrafficPolicy } = mesh as { outboundTrafficPolicy?: { mode?: unknown } };
  const mode = outboundTrafficPolicy?.mode;
  return mode === 'REGISTRY_ONLY' || mode === 'ALLOW_ANY' ? { ...base, outboundTrafficPolicy: mode } : base;
}
