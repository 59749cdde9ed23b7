/**
 * The model classes of every served kind and version (see validators.ts), in a module of their own: about
 * 2 MB of schema code that the browser sandbox loads after the learner's prompt is up (loadSchemaModels).
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
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import * as netV1 from '@kubernetes-models/istio/networking.istio.io/v1';
import * as netV1beta1 from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import * as netV1alpha3 from '@kubernetes-models/istio/networking.istio.io/v1alpha3';
import { WasmPlugin } from '@kubernetes-models/istio/extensions.istio.io/v1alpha1/WasmPlugin';
import * as secV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as secV1beta1 from '@kubernetes-models/istio/security.istio.io/v1beta1';
import { Telemetry as TelemetryV1 } from '@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry';
import { Telemetry as TelemetryV1alpha1 } from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1/Telemetry';
import * as gwV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gwV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';

/** A model class: its prototype's validate() reads `this` and throws an Ajv-style ValidationError. */
export interface ModelClass {
  prototype: object;
}

/** Keyed by `apiVersion/kind`. */
export const MODELS = new Map<string, ModelClass>();

function register(apiVersion: string, models: Record<string, ModelClass>): void {
  for (const [kind, model] of Object.entries(models)) MODELS.set(`${apiVersion}/${kind}`, model);
}

register('v1', { ConfigMap, Endpoints, Namespace, Node, Pod, Secret, Service, ServiceAccount });
register('apps/v1', { Deployment, ReplicaSet });
register('discovery.k8s.io/v1', { EndpointSlice });
register('networking.k8s.io/v1', { Ingress });
register('rbac.authorization.k8s.io/v1', { ClusterRole, ClusterRoleBinding, Role, RoleBinding });
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
    WorkloadGroup: m.WorkloadGroup,
  });
}
register('networking.istio.io/v1alpha3', { EnvoyFilter: netV1alpha3.EnvoyFilter });
register('networking.istio.io/v1beta1', { ProxyConfig: netV1beta1.ProxyConfig });
register('extensions.istio.io/v1alpha1', { WasmPlugin });
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
