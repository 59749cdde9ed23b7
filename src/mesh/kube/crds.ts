/**
 * CustomResourceDefinitions as objects (`kubectl get crd`); the API server serves a kind while its CRD exists.
 * Istio's CRDs arrive with `istioctl install`; the Gateway API's as manifests the learner applies (the release's
 * standard-install.yaml, or `kubectl kustomize` of the repository's config/crd), which this module also writes.
 */
import type { AdmissionPlugin, ApiServer } from './apiserver';
import { crdName, RESOURCE_TYPES, TYPES, type CrdBundle, type ResourceType } from './resources';
import type { KubeObject } from './types';

/** Which Gateway API release a manifest comes from: its version tag and channel. */
export interface GatewayApiRelease {
  readonly version: string;
  readonly channel: 'standard' | 'experimental';
}

/** The newest Gateway API release the simulator models. */
export const GATEWAY_API_LATEST_VERSION = 'v1.4.0';

/** The release `installGatewayApiCrds` stands for, where no manifest names one. */
const GATEWAY_API_DEFAULT: GatewayApiRelease = { version: GATEWAY_API_LATEST_VERSION, channel: 'standard' };

function bundleAnnotations(bundle: CrdBundle, release: GatewayApiRelease): Record<string, string> {
  return bundle === 'istio'
    ? {}
    : {
        'gateway.networking.k8s.io/bundle-version': release.version,
        'gateway.networking.k8s.io/channel': release.channel,
      };
}

const BUNDLE_LABELS: Record<CrdBundle, Record<string, string>> = {
  istio: { 'app.kubernetes.io/part-of': 'istio', 'app.kubernetes.io/name': 'istio-base', release: 'istio' },
  'gateway-api': {},
};

/** One CRD as a manifest: what a user applies (no server-set metadata, no status). */
function crdManifest(type: ResourceType, bundle: CrdBundle, release: GatewayApiRelease): Record<string, unknown> {
  const names: Record<string, unknown> = {
    kind: type.kind,
    listKind: `${type.kind}List`,
    plural: type.plural,
    singular: type.singular,
  };
  if (type.shortNames.length > 0) names.shortNames = [...type.shortNames];
  if (type.categories !== undefined) names.categories = [...type.categories];
  const annotations = bundleAnnotations(bundle, release);
  const labels = BUNDLE_LABELS[bundle];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      ...(Object.keys(annotations).length > 0 && { annotations }),
      ...(Object.keys(labels).length > 0 && { labels: { ...labels } }),
      name: crdName(type),
    },
    spec: {
      group: type.group,
      names,
      scope: type.namespaced ? 'Namespaced' : 'Cluster',
      versions: type.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        // Enough of a schema to say what the kind holds; the API server validates with its own models.
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
        subresources: { status: {} },
      })),
    },
  };
}

/** The CRDs of a bundle (for the Gateway API, of the release's channel), sorted by name as kustomize prints them. */
export function crdManifests(
  bundle: CrdBundle,
  release: GatewayApiRelease = GATEWAY_API_DEFAULT,
): Record<string, unknown>[] {
  return RESOURCE_TYPES.filter(
    (t) => t.crd === bundle && (t.experimental !== true || release.channel === 'experimental'),
  )
    .sort((a, b) => (crdName(a) < crdName(b) ? -1 : 1))
    .map((t) => crdManifest(t, bundle, release));
}

/** The apiextensions server accepts a new CRD's names and establishes it at once (no conflicts here). */
export const CRD_ESTABLISHER: AdmissionPlugin = {
  name: 'CustomResourceDefinitionEstablisher',
  admit(crd, operation, old) {
    if (crd.kind !== 'CustomResourceDefinition') return;
    if (operation === 'UPDATE' && old?.status !== undefined) {
      crd.status = old.status;
      return;
    }
    const spec = (crd.spec ?? {}) as { names?: unknown; versions?: { name: string; storage?: boolean }[] };
    const stored = spec.versions?.find((v) => v.storage === true) ?? spec.versions?.[0];
    crd.status = {
      acceptedNames: spec.names,
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      storedVersions: stored === undefined ? [] : [stored.name],
    };
  },
};

export function installCrds(api: ApiServer, bundle: CrdBundle): void {
  for (const manifest of crdManifests(bundle)) {
    const crd = manifest as unknown as KubeObject;
    if (api.get(TYPES.CustomResourceDefinition, undefined, crd.metadata.name) === undefined)
      api.create(TYPES.CustomResourceDefinition, crd);
  }
}

/** Removing a CRD removes every object of its kind (the API server sees to that). */
export function uninstallCrds(api: ApiServer, bundle: CrdBundle): void {
  for (const type of RESOURCE_TYPES)
    if (type.crd === bundle) api.delete(TYPES.CustomResourceDefinition, undefined, crdName(type));
}
