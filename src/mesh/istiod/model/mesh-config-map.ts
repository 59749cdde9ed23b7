import { parse } from 'yaml';
import type { KubeObject } from './kube-api';
import { BUILTIN_EXTENSION_PROVIDERS, type ExtensionProvider, type MeshConfig } from './mesh-config';

/** Where istiod finds its mesh config: the `mesh` key of this ConfigMap, as Istio's Helm chart writes it. */
export const MESH_CONFIG_MAP = { namespace: 'istio-system', name: 'istio' } as const;

export function isMeshConfigMap(o: KubeObject): boolean {
  return (
    o.kind === 'ConfigMap' &&
    o.metadata.namespace === MESH_CONFIG_MAP.namespace &&
    o.metadata.name === MESH_CONFIG_MAP.name
  );
}

/** The `mesh` YAML's fields we model, as the user may have written them. */
interface MeshYaml {
  enableTracing?: unknown;
  outboundTrafficPolicy?: { mode?: unknown };
  accessLogFile?: unknown;
  accessLogEncoding?: unknown;
  accessLogFormat?: unknown;
  extensionProviders?: unknown;
  defaultProviders?: { accessLogging?: unknown };
}

/**
 * The mesh config istiod runs with: `base` overlaid with the fields we model from the ConfigMap's `mesh`
 * YAML. A missing ConfigMap or unreadable YAML leaves `base`, as istiod keeps its defaults.
 */
export function meshConfigFrom(objects: readonly KubeObject[], base: MeshConfig): MeshConfig {
  const map = objects.find(isMeshConfigMap) as (KubeObject & { data?: Record<string, string> }) | undefined;
  const text = map?.data?.['mesh'];
  if (text === undefined) return base;
  // istiod builds a snapshot on every push, and the YAML seldom changes: the last reading per base is kept.
  const last = lastRead.get(base);
  if (last?.text === text) return last.config;
  const config = readMeshYaml(text, base);
  lastRead.set(base, { text, config });
  return config;
}

const lastRead = new WeakMap<MeshConfig, { text: string; config: MeshConfig }>();

function readMeshYaml(text: string, base: MeshConfig): MeshConfig {
  let mesh: unknown;
  try {
    mesh = parse(text);
  } catch {
    return base;
  }
  if (typeof mesh !== 'object' || mesh === null) return base;
  const m = mesh as MeshYaml;
  const mode = m.outboundTrafficPolicy?.mode;
  return {
    ...base,
    enableTracing: typeof m.enableTracing === 'boolean' ? m.enableTracing : base.enableTracing,
    outboundTrafficPolicy: mode === 'REGISTRY_ONLY' || mode === 'ALLOW_ANY' ? mode : base.outboundTrafficPolicy,
    accessLogFile: typeof m.accessLogFile === 'string' ? m.accessLogFile : base.accessLogFile,
    accessLogEncoding: m.accessLogEncoding === 'JSON' || m.accessLogEncoding === 'TEXT' ? m.accessLogEncoding : 'TEXT',
    accessLogFormat: typeof m.accessLogFormat === 'string' ? m.accessLogFormat : base.accessLogFormat,
    extensionProviders: withBuiltins(providersFrom(m.extensionProviders)),
    defaultAccessLogProviders: stringList(m.defaultProviders?.accessLogging),
  };
}

function providersFrom(value: unknown): ExtensionProvider[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is ExtensionProvider =>
      typeof p === 'object' && p !== null && typeof (p as { name?: unknown }).name === 'string',
  );
}

/** Istio keeps its built-in providers (`envoy`, `prometheus`, …) unless the user defines one of the same name. */
function withBuiltins(providers: ExtensionProvider[]): ExtensionProvider[] {
  const names = new Set(providers.map((p) => p.name));
  return [...providers, ...BUILTIN_EXTENSION_PROVIDERS.filter((p) => !names.has(p.name))];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
