/**
 * CustomResourceDefinitions as objects (`kubectl get crd`) and as the switch that makes their kinds served.
 * Istio's CRDs arrive with `istioctl install`; the Gateway API's with its standard-install.yaml.
 */
import type { ApiServer } from './apiserver';
import { groupKindOf, RESOURCE_TYPES, TYPES, type CrdBundle, type ResourceType } from './resources';
import type { KubeObject } from './types';

const BUNDLE_LABELS: Record<CrdBundle, Record<string, string>> = {
  istio: { 'app.kubernetes.io/part-of': 'istio', 'app.kubernetes.io/name': 'istio-base', release: 'istio' },
  'gateway-api': {
    'gateway.networking.k8s.io/bundle-version': 'v1.3.0',
    'gateway.networking.k8s.io/channel': 'standard',
  },
};

function crdObject(type: ResourceType, bundle: CrdBundle): KubeObject {
  const names: Record<string, unknown> = {
    kind: type.kind,
    listKind: `${type.kind}List`,
    plural: type.plural,
    singular: type.singular,
  };
  if (type.shortNames.length > 0) names.shortNames = [...type.shortNames];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${type.plural}.${type.group}`,
      labels: { ...BUNDLE_LABELS[bundle] },
      uid: '',
      resourceVersion: '',
      generation: 0,
      creationTimestamp: '',
    },
    spec: {
      group: type.group,
      names,
      scope: type.namespaced ? 'Namespaced' : 'Cluster',
      versions: type.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        subresources: { status: {} },
      })),
    },
    status: {
      acceptedNames: names,
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: [type.versions[0]],
    },
  };
}

export function installCrds(api: ApiServer, bundle: CrdBundle): void {
  for (const type of RESOURCE_TYPES) {
    if (type.crd !== bundle) continue;
    const crd = crdObject(type, bundle);
    if (api.get(TYPES.CustomResourceDefinition, undefined, crd.metadata.name) === undefined)
      api.create(TYPES.CustomResourceDefinition, crd);
  }
  api.setCrdsInstalled(bundle, true);
}

/** Removing a CRD removes every object of its kind. */
export function uninstallCrds(api: ApiServer, bundle: CrdBundle): void {
  for (const type of RESOURCE_TYPES) {
    if (type.crd !== bundle) continue;
    for (const object of api.store.list(groupKindOf(type)))
      api.store.remove(groupKindOf(type), object.metadata.namespace, object.metadata.name);
    api.store.remove(groupKindOf(TYPES.CustomResourceDefinition), undefined, `${type.plural}.${type.group}`);
  }
  api.setCrdsInstalled(bundle, false);
}
