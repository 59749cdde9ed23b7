/**
 * The few Kubernetes shapes istiod reads. The kube store holds plain objects `{apiVersion, kind, metadata,
 * spec, status}`; these interfaces name only the fields the control plane looks at, so any object the API
 * server accepts fits them.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** RFC 3339; orders configs the way Istio does (oldest first) when several claim the same thing. */
  creationTimestamp?: string;
  resourceVersion?: string;
  deletionTimestamp?: string;
  ownerReferences?: Array<{ kind: string; name: string }>;
}

/** Any object from the kube store. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface PodSpec {
  containers?: Array<{ name: string; ports?: ContainerPort[] }>;
  serviceAccountName?: string;
  serviceAccount?: string;
}

export interface PodStatus {
  podIP?: string;
  phase?: string;
  conditions?: Array<{ type: string; status: string }>;
}

export interface ServicePortSpec {
  name?: string;
  port: number;
  /** A number, or the name of a container port. Defaults to `port`. */
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePortSpec[];
  clusterIP?: string;
  type?: string;
  externalName?: string;
}
