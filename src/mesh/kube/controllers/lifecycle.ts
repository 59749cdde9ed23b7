/**
 * Object lifecycle around namespaces and owners:
 *  - every new namespace gets its `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap
 *    (serviceaccount controller, root-ca-cert-publisher);
 *  - a namespace being deleted is emptied, then removed (namespace controller);
 *  - objects whose owner is deleted are deleted in turn (garbage collector, background propagation):
 *    deleting a Deployment removes its ReplicaSets, whose pods then terminate gracefully.
 */
import { groupKindOf, typeForKey, TYPES } from '../resources';
import type { KubeObject } from '../types';
import type { ControllerContext } from './context';

/** Stands in for the cluster CA bundle that every namespace receives. */
const ROOT_CA_PEM =
  '-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\ncm5ldGVzMB4XDTI2MDEwMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFowFTETMBEGA1UE\n-----END CERTIFICATE-----\n';

export function startLifecycleControllers(ctx: ControllerContext): void {
  ctx.watch(groupKindOf(TYPES.Namespace), (event) => {
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') return;
    if (event.object.metadata.deletionTimestamp !== undefined)
      ctx.enqueue(`namespace-drain/${name}`, () => drainNamespace(ctx, name));
    else if (event.type === 'ADDED')
      ctx.enqueue(`namespace-defaults/${name}`, () => ensureNamespaceDefaults(ctx, name));
  });
  ctx.watch(undefined, (event) => {
    if (event.type !== 'DELETED') return;
    const { uid, namespace } = event.object.metadata;
    if (event.object.kind !== 'Event') ctx.enqueue(`gc/${uid}`, () => collectDependents(ctx, uid)); // events own nothing
    if (namespace !== undefined) {
      const ns = ctx.api.get(TYPES.Namespace, undefined, namespace);
      if (ns?.metadata.deletionTimestamp !== undefined)
        ctx.enqueue(`namespace-drain/${namespace}`, () => drainNamespace(ctx, namespace));
    }
  });
}

function meta(name: string, namespace: string): KubeObject['metadata'] {
  return { name, namespace, uid: '', resourceVersion: '', generation: 0, creationTimestamp: '' };
}

function ensureNamespaceDefaults(ctx: ControllerContext, namespace: string): void {
  const { api } = ctx;
  const ns = api.get(TYPES.Namespace, undefined, namespace);
  if (ns === undefined || ns.metadata.deletionTimestamp !== undefined) return;
  if (api.get(TYPES.ServiceAccount, namespace, 'default') === undefined) {
    api.create(TYPES.ServiceAccount, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta('default', namespace),
    });
  }
  if (api.get(TYPES.ConfigMap, namespace, 'kube-root-ca.crt') === undefined) {
    const configMap: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('kube-root-ca.crt', namespace),
      data: { 'ca.crt': ROOT_CA_PEM },
    };
    configMap.metadata.annotations = {
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    };
    api.create(TYPES.ConfigMap, configMap);
  }
}

/** Deletes everything in the namespace; once only Events remain (pods may take a while), removes it. */
function drainNamespace(ctx: ControllerContext, namespace: string): void {
  const { api } = ctx;
  const ns = api.get(TYPES.Namespace, undefined, namespace);
  if (ns === undefined || ns.metadata.deletionTimestamp === undefined) return;
  let remaining = 0;
  for (const key of api.store.kinds()) {
    const type = typeForKey(key);
    if (type === undefined || !type.namespaced) continue;
    for (const object of api.list(type, namespace)) {
      if (type === TYPES.Event) {
        api.delete(type, namespace, object.metadata.name);
        continue;
      }
      remaining++;
      if (object.metadata.deletionTimestamp === undefined) api.delete(type, namespace, object.metadata.name);
    }
  }
  if (remaining === 0) api.store.remove(groupKindOf(TYPES.Namespace), undefined, namespace);
}

function collectDependents(ctx: ControllerContext, ownerUid: string): void {
  for (const { type, object } of ctx.api.dependentsOf(ownerUid)) {
    if (object.metadata.deletionTimestamp !== undefined) continue;
    ctx.api.delete(type, object.metadata.namespace, object.metadata.name);
  }
}
