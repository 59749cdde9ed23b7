/**
 * The OpenAPI schemas of every served kind and version, taken from the published model packages: core and
 * apps from kubernetes-models (the Kubernetes OpenAPI), Istio's CRDs from @kubernetes-models/istio (Istio
 * 1.29's crd-all.gen.yaml), Gateway API from @kubernetes-models/gateway-api. Each model class exposes
 * `validate()`; calling it on a foreign object (see runSchema) lets us validate plain parsed YAML.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Node } from 'kubernetes-models/v1/Node';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import * as netV1 from '@kubernetes-models/istio/networking.istio.io/v1';
import * as netV1beta1 from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import * as netV1alpha3 from '@kubernetes-models/istio/networking.istio.io/v1alpha3';
import * as secV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as secV1beta1 from '@kubernetes-models/istio/security.istio.io/v1beta1';
import { Telemetry as TelemetryV1 } from '@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry';
import { Telemetry as TelemetryV1alpha1 } from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1/Telemetry';
import * as gwV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gwV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';

/** A model class: its prototype's validate() reads `this` and throws an Ajv-style ValidationError. */
interface ModelClass {
  prototype: object;
}

/** Keyed by `apiVersion/kind`. */
const MODELS = new Map<string, ModelClass>();

function register(apiVersion: string, models: Record<string, ModelClass>): void {
  for (const [kind, model] of Object.entries(models)) MODELS.set(`${apiVersion}/${kind}`, model);
}

register('v1', { ConfigMap, Endpoints, Namespace, Node, Pod, Secret, Service, ServiceAccount });
register('apps/v1', { Deployment, ReplicaSet });
for (const [version, m] of [
  ['v1', netV1],
  ['v1beta1', netV1beta1],
  ['v1alpha3', netV1alpha3],
] as const) {
  register(`networking.istio.io/${version}`, {
    VirtualService: m.VirtualService,
    DestinationRule: m.DestinationRule,
    Gateway: m.Gateway,
    ServiceEntry: m.ServiceEntry,
    Sidecar: m.Sidecar,
    WorkloadEntry: m.WorkloadEntry,
  });
}
register('networking.istio.io/v1alpha3', { EnvoyFilter: netV1alpha3.EnvoyFilter });
for (const [version, m] of [
  ['v1', secV1],
  ['v1beta1', secV1beta1],
] as const) {
  register(`security.istio.io/${version}`, {
    PeerAuthentication: m.PeerAuthentication,
    AuthorizationPolicy: m.AuthorizationPolicy,
    RequestAuthentication: m.RequestAuthentication,
  });
}
register('telemetry.istio.io/v1', { Telemetry: TelemetryV1 });
register('telemetry.istio.io/v1alpha1', { Telemetry: TelemetryV1alpha1 });
for (const [version, m] of [
  ['v1', gwV1],
  ['v1beta1', gwV1beta1],
] as const) {
  register(`gateway.networking.k8s.io/${version}`, {
    GatewayClass: m.GatewayClass,
    Gateway: m.Gateway,
    HTTPRoute: m.HTTPRoute,
  });
}

/** One Ajv error as the model packages report it. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export type SchemaOutcome =
  | { kind: 'valid' }
  | { kind: 'invalid'; errors: SchemaError[] }
  /** The schema could not run here (the Gateway API models compile with `new Function`, which a CSP forbids). */
  | { kind: 'unavailable' };

export function hasSchema(apiVersion: string, kind: string): boolean {
  return MODELS.has(`${apiVersion}/${kind}`);
}

/**
 * Validates `data` (possibly a read-tracking proxy, see strict.ts) against the schema of apiVersion/kind.
 * The validator is called with `this` = an object whose prototype is the model's, so both model
 * generations (precompiled validate functions, and schema ids looked up on the prototype) find their schema.
 */
export function runSchema(apiVersion: string, kind: string, data: object): SchemaOutcome {
  const model = MODELS.get(`${apiVersion}/${kind}`);
  if (model === undefined) return { kind: 'valid' };
  const validate = (model.prototype as { validate?: () => void }).validate;
  if (typeof validate !== 'function') return { kind: 'valid' };
  try {
    validate.call(data);
    return { kind: 'valid' };
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return { kind: 'invalid', errors: errors as SchemaError[] };
    return { kind: 'unavailable' };
  }
}

/** A prototype-carrying shell for runSchema: the model's prototype, the document's own fields. */
export function modelShell(apiVersion: string, kind: string, data: Record<string, unknown>): Record<string, unknown> {
  const model = MODELS.get(`${apiVersion}/${kind}`);
  const shell = Object.create(model?.prototype ?? Object.prototype) as Record<string, unknown>;
  return Object.assign(shell, data);
}
