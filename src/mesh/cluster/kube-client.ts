import {
  type ApiServer,
  applyAll,
  type ApplyOptions,
  type VerbResult,
  type ContainerLogs,
  type LogEntry,
  type ReadLogOptions,
  annotateNamed,
  labelNamed,
  rolloutRestart,
  rolloutStatus,
  scaleNamed,
  type MetadataChanges,
  type MetadataEditOptions,
  RESOURCE_TYPES,
  resolveResource,
  type ResourceType,
  type Deployment,
  type KubeObject,
  createAll,
  deleteAll,
  deleteNamed,
  patchNamed,
  type CreateOptions,
  type DeleteOptions,
  type PatchOptions,
} from '../kube';

/**
 * The Kubernetes API as kubectl uses it: discovery, reads, and the verbs with their kubectl lines. A thin
 * binding of kube's verb functions to one API server, so the CLI depends on this one interface.
 */
export interface KubeClient {
  /** Resolves `po`, `virtualservices.networking.istio.io`, … among the kinds currently served. */
  resolveResource(name: string): ResourceType | undefined;
  /** Every kind currently served (for completion and `kubectl api-resources`). */
  servedTypes(): ResourceType[];
  get<T extends KubeObject = KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): T | undefined;
  list<T extends KubeObject = KubeObject>(type: ResourceType, namespace?: string): T[];
  /** The latest resourceVersion: changes whenever anything is written. */
  revision(): number;
  apply(documents: readonly unknown[], options: ApplyOptions): VerbResult[];
  create(documents: readonly unknown[], options: CreateOptions): VerbResult[];
  deleteNamed(type: ResourceType, names: readonly string[], options: DeleteOptions): VerbResult[];
  deleteDocuments(documents: readonly unknown[], options: DeleteOptions & { source?: string }): VerbResult[];
  patch(type: ResourceType, name: string, patch: unknown, options: PatchOptions): VerbResult;
  label(type: ResourceType, name: string, changes: MetadataChanges, options: MetadataEditOptions): VerbResult;
  annotate(type: ResourceType, name: string, changes: MetadataChanges, options: MetadataEditOptions): VerbResult;
  scale(type: ResourceType, name: string, replicas: number, namespace: string): VerbResult;
  rolloutRestart(type: ResourceType, name: string, namespace: string): VerbResult;
  rolloutStatus(deployment: Deployment): { done: boolean; message: string };
  logs(namespace: string, pod: string, container: string, options?: ReadLogOptions): LogEntry[];
  followLogs(namespace: string, pod: string, container: string, handler: (entry: LogEntry) => void): () => void;
  /** Watches every write (the shell uses it to know when something changed). */
  watch(handler: () => void): () => void;
}

export function bindKubeClient(api: ApiServer, logs: ContainerLogs): KubeClient {
  return {
    resolveResource: (name) => resolveResource(name, (t) => api.isServed(t)),
    servedTypes: () => RESOURCE_TYPES.filter((t) => api.isServed(t)),
    get: (type, namespace, name) => api.get(type, namespace, name),
    list: (type, namespace) => api.list(type, namespace),
    revision: () => api.store.resourceVersion,
    apply: (documents, options) => applyAll(api, documents, options),
    create: (documents, options) => createAll(api, documents, options),
    deleteNamed: (type, names, options) => deleteNamed(api, type, names, options),
    deleteDocuments: (documents, options) => deleteAll(api, documents, options),
    patch: (type, name, patch, options) => patchNamed(api, type, name, patch, options),
    label: (type, name, changes, options) => labelNamed(api, type, name, changes, options),
    annotate: (type, name, changes, options) => annotateNamed(api, type, name, changes, options),
    scale: (type, name, replicas, namespace) => scaleNamed(api, type, name, replicas, { namespace }),
    rolloutRestart: (type, name, namespace) => rolloutRestart(api, type, name, { namespace }),
    rolloutStatus: (deployment) => rolloutStatus(deployment),
    logs: (namespace, pod, container, options) => logs.read(namespace, pod, container, options),
    followLogs: (namespace, pod, container, handler) => logs.follow(namespace, pod, container, handler),
    watch: (handler) => api.store.watch(undefined, () => handler()),
  };
}
