import type { IDeploymentSpec } from 'kubernetes-models/apps/v1/DeploymentSpec';
import type { IDeploymentStatus } from 'kubernetes-models/apps/v1/DeploymentStatus';
import type { IReplicaSetSpec } from 'kubernetes-models/apps/v1/ReplicaSetSpec';
import type { IReplicaSetStatus } from 'kubernetes-models/apps/v1/ReplicaSetStatus';
import type { INodeSpec } from 'kubernetes-models/v1/NodeSpec';
import type { INodeStatus } from 'kubernetes-models/v1/NodeStatus';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IPodStatus } from 'kubernetes-models/v1/PodStatus';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import type { IServiceStatus } from 'kubernetes-models/v1/ServiceStatus';
import type { IEndpoint } from 'kubernetes-models/discovery.k8s.io/v1/Endpoint';
import type { IEndpointPort as IEndpointSlicePort } from 'kubernetes-models/discovery.k8s.io/v1/EndpointPort';
import type { IEndpointSubset } from 'kubernetes-models/v1/EndpointSubset';

/** Points from a dependent (a Pod) to the object that manages it (its ReplicaSet); drives garbage collection. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metadata as the API server returns it: the server-owned fields are always present. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid: string;
  /** A global counter, as a string (clients must treat it as opaque). */
  resourceVersion: string;
  /** Bumped when anything outside metadata and status changes. */
  generation: number;
  /** RFC 3339, from the virtual clock (see time.ts). */
  creationTimestamp: string;
  /** Set when a graceful deletion has begun (pods); the object stays visible as Terminating until then. */
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** One stored object. Kinds whose payload is not spec/status (ConfigMap data, Endpoints subsets, Events) keep it top-level. */
export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  [field: string]: unknown;
}

/** What a client submits (a parsed YAML document): untrusted, validated by the API server. */
export type ObjectInput = Record<string, unknown>;

export type Pod = KubeObject<IPodSpec, IPodStatus>;
export type Deployment = KubeObject<IDeploymentSpec, IDeploymentStatus>;
export type ReplicaSet = KubeObject<IReplicaSetSpec, IReplicaSetStatus>;
export type Service = KubeObject<IServiceSpec, IServiceStatus>;
export type Node = KubeObject<INodeSpec, INodeStatus>;
export type Namespace = KubeObject<Record<string, unknown>, { phase?: string }>;
export interface Endpoints extends KubeObject {
  subsets?: IEndpointSubset[];
}
/** A discovery.k8s.io/v1 EndpointSlice: its payload is top-level, like Endpoints'. */
export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4';
  endpoints: IEndpoint[];
  ports?: IEndpointSlicePort[];
}

/** A core/v1 Event, the record `kubectl describe` and `kubectl get events` show. */
export interface KubeEvent extends KubeObject {
  involvedObject: {
    kind: string;
    namespace?: string;
    name: string;
    uid: string;
    apiVersion: string;
    fieldPath?: string;
  };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
  source: { component: string; host?: string };
  reportingComponent: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  /** The object after the write (for DELETED: its last state). */
  object: T;
  /** The object before the write (MODIFIED and DELETED only). */
  oldObject?: T;
}

export type WatchHandler = (event: WatchEvent) => void;
