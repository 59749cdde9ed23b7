import type { KubeObject } from './kube-api';
import type { Labels } from './istio-api';

/** Where a config came from, as `istioctl` prints it (`VirtualService default/reviews`). */
export interface ConfigMeta {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly name: string;
  readonly namespace: string;
  readonly creationTimestamp: string;
  readonly labels: Labels;
}

/** One Istio (or Gateway API) config object: its metadata and its spec, read-only. */
export interface Config<S> {
  readonly meta: ConfigMeta;
  readonly spec: S;
}

export function configMeta(obj: KubeObject, defaultNamespace = 'default'): ConfigMeta {
  const [group = '', version = ''] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return {
    kind: obj.kind,
    group,
    version,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace ?? defaultNamespace,
    creationTimestamp: obj.metadata.creationTimestamp ?? '',
    labels: obj.metadata.labels ?? {},
  };
}

/** `namespace/name`, the key Istio uses for configs and gateways. */
export function namespacedName(meta: { namespace: string; name: string }): string {
  return `${meta.namespace}/${meta.name}`;
}

/**
 * Istio's config path, written into route and cluster metadata (`filter_metadata.istio.config`) so
 * `istioctl proxy-config` can say which VirtualService or DestinationRule produced a resource.
 */
export function configPath(meta: ConfigMeta): string {
  const kind = meta.kind
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `/apis/${meta.group}/${meta.version}/namespaces/${meta.namespace}/${kind}/${meta.name}`;
}

/** Oldest first, then namespace/name: Istio's order when several configs claim the same thing. */
export function compareConfigAge(a: ConfigMeta, b: ConfigMeta): number {
  if (a.creationTimestamp !== b.creationTimestamp) return a.creationTimestamp < b.creationTimestamp ? -1 : 1;
  return namespacedName(a) < namespacedName(b) ? -1 : namespacedName(a) > namespacedName(b) ? 1 : 0;
}
