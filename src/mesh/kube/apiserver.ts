import type { Clock, Random } from '../sim';
import { allocateClusterIp, allocateNodePort } from './allocators';
import { applyDefaults } from './defaults';
import {
  alreadyExistsError,
  forbiddenError,
  invalidError,
  namespaceNotFoundError,
  notFoundError,
  type KubeError,
  type RequestSource,
} from './errors';
import { MAX_OBJECTS_PER_KIND, objectCountExceeded } from './limits';
import { randomSuffix, randomUid } from './names';
import {
  crdName,
  groupKindOf,
  RESOURCE_TYPES,
  typeForKey,
  TYPES,
  type CrdBundle,
  type ResourceType,
} from './resources';
import { cloneObject } from './clone';
import { ObjectStore } from './store';
import { updateCauses } from './validation-rules';
import { ValidatingWebhooks } from './validating-webhooks';
import { rfc3339 } from './time';
import type { KubeObject, Service } from './types';

/** A write's outcome; `warnings` are the `Warning: …` lines validating webhooks returned (kubectl prints them). */
export type Result<T = KubeObject> =
  { ok: true; object: T; warnings?: string[] } | { ok: false; error: KubeError; warnings?: string[] };

export type AdmissionOperation = 'CREATE' | 'UPDATE';

/**
 * Writes through a subresource leave metadata.generation alone: a pod's binding to a node (which sets
 * spec.nodeName) and status updates are not spec changes by a user.
 */
export interface WriteOptions {
  subresource?: 'binding' | 'status';
}

/** A mutating admission step (defaulting, address allocation, sidecar injection), run on every create and update. */
export interface AdmissionPlugin {
  readonly name: string;
  admit(object: KubeObject, operation: AdmissionOperation, old: KubeObject | undefined): void;
}

const CRD_KEY = groupKindOf(TYPES.CustomResourceDefinition);

/** Namespaces a cluster refuses to delete. */
const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The API server proper: stores objects through admission, hands out the server-owned metadata (uid,
 * resourceVersion, generation, creationTimestamp), enforces namespace lifecycle, and performs deletions
 * (graceful for running pods, immediate otherwise; dependents go later, through the garbage collector).
 * It trusts its callers on schema: kubectl-facing validation happens in the verbs (see apply.ts, verbs.ts).
 */
export class ApiServer {
  readonly store: ObjectStore;
  private readonly plugins: AdmissionPlugin[] = [];
  /** Validating admission: they see each object after the mutating plugins, and may refuse it. */
  readonly webhooks = new ValidatingWebhooks();

  constructor(
    readonly clock: Clock,
    readonly random: Random,
    reportError: (error: unknown) => void,
  ) {
    this.store = new ObjectStore(reportError);
    this.plugins.push({ name: 'ServiceIPAllocator', admit: (o, op, old) => this.allocateServiceAddresses(o, op, old) });
  }

  /** RFC 3339 of the current virtual time. */
  timestamp(offsetMs = 0): string {
    return rfc3339(this.clock.now() + offsetMs);
  }

  addAdmissionPlugin(plugin: AdmissionPlugin): void {
    this.plugins.push(plugin);
  }

  /** Every kind of the bundle's standard channel is served (experimental kinds come on top, if at all). */
  crdsInstalled(bundle: CrdBundle): boolean {
    return RESOURCE_TYPES.every((t) => t.crd !== bundle || t.experimental === true || this.isServed(t));
  }

  /**
   * Discovery: a kind is served when it is built in or its CustomResourceDefinition exists, however it came
   * (`istioctl install`, or `kubectl apply` of the Gateway API's CRDs).
   */
  isServed(type: ResourceType): boolean {
    return type.crd === undefined || this.store.peek(CRD_KEY, undefined, crdName(type)) !== undefined;
  }

  get<T extends KubeObject = KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.store.get(groupKindOf(type), type.namespaced ? namespace : undefined, name) as T | undefined;
  }

  /** The stored object itself (frozen): `get` without the copy, for reading. */
  private stored(type: ResourceType, namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    return this.store.peek(groupKindOf(type), type.namespaced ? namespace : undefined, name);
  }

  list<T extends KubeObject = KubeObject>(type: ResourceType, namespace?: string): T[] {
    return this.store.list(groupKindOf(type), type.namespaced ? namespace : undefined) as T[];
  }

  /** The stored objects themselves, for controllers that only read them (see ObjectStore.view). */
  view<T extends KubeObject = KubeObject>(type: ResourceType, namespace?: string): readonly T[] {
    return this.store.view(groupKindOf(type), type.namespaced ? namespace : undefined) as readonly T[];
  }

  /** Creates an object. `metadata.generateName` without a name gets a random suffix, as for pods of a ReplicaSet. */
  create(type: ResourceType, input: KubeObject, request?: RequestSource): Result {
    const object = cloneObject(input);
    const meta = object.metadata;
    if (!type.namespaced) delete meta.namespace;
    if ((meta.name ?? '') === '' && meta.generateName !== undefined)
      meta.name = meta.generateName + randomSuffix(this.random);
    const refused = this.checkNamespace(type, meta.name, meta.namespace, request);
    if (refused !== undefined) return { ok: false, error: refused };
    if (this.stored(type, meta.namespace, meta.name) !== undefined) {
      return { ok: false, error: alreadyExistsError(type, meta.name, request) };
    }
    const stored = this.store.count(groupKindOf(type));
    if (stored >= MAX_OBJECTS_PER_KIND)
      return { ok: false, error: objectCountExceeded(type, meta.name, stored, request) };
    meta.uid = randomUid(this.random);
    meta.creationTimestamp = this.timestamp();
    meta.generation = 1;
    meta.resourceVersion = '';
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    this.admit(object, 'CREATE', undefined);
    const reviewed = this.webhooks.review(object, 'CREATE', undefined, request);
    if (!reviewed.ok) return reviewed;
    return { ok: true, object: this.store.insert(groupKindOf(type), object), warnings: reviewed.warnings };
  }

  /** Replaces an existing object's content; server-owned metadata is kept from the stored object. */
  update(type: ResourceType, input: KubeObject, request?: RequestSource, options: WriteOptions = {}): Result {
    return this.replace(type, cloneObject(input), request, options);
  }

  /** `update` of an object the caller gives up: the store keeps it. */
  private replace(type: ResourceType, object: KubeObject, request?: RequestSource, options: WriteOptions = {}): Result {
    const old = this.stored(type, object.metadata.namespace, object.metadata.name);
    if (old === undefined) return { ok: false, error: notFoundError(type, object.metadata.name, request) };
    const meta = object.metadata;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp !== undefined) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (!type.namespaced) delete meta.namespace;
    if (type.crd === undefined) {
      const causes = updateCauses(type.kind, old, object);
      if (causes.length > 0) return { ok: false, error: invalidError(type, meta.name, causes, request) };
    }
    this.admit(object, 'UPDATE', old);
    const keepGeneration = options.subresource !== undefined;
    const reviewed = keepGeneration ? { warnings: [] } : this.webhooks.review(object, 'UPDATE', old, request);
    if ('error' in reviewed) return reviewed;
    return {
      ok: true,
      object: this.store.update(groupKindOf(type), object, { keepGeneration }),
      warnings: reviewed.warnings,
    };
  }

  /**
   * Read-modify-write for controllers: `change` edits a copy in place (returning false skips the write).
   * Returns the stored result, or undefined when the object is gone.
   */
  mutate<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    change: (object: T) => boolean | void,
    options: WriteOptions = {},
  ): T | undefined {
    const object = this.get<T>(type, namespace, name);
    if (object === undefined) return undefined;
    if (change(object) === false) return object;
    const result = this.replace(type, object, undefined, options);
    return result.ok ? (result.object as T) : undefined;
  }

  /**
   * Deletes an object. A pod bound to a node terminates gracefully: it gets a deletionTimestamp and the
   * kubelet removes it when its containers have stopped (gracePeriodSeconds 0 removes it at once). A
   * namespace enters Terminating and the namespace controller empties it. Dependents (ownerReferences)
   * are removed afterwards by the garbage collector.
   */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: { gracePeriodSeconds?: number; request?: RequestSource } = {},
  ): Result {
    const object = this.get(type, namespace, name);
    if (object === undefined) return { ok: false, error: notFoundError(type, name, options.request) };
    const gk = groupKindOf(type);
    if (gk === 'Namespace') {
      if (UNDELETABLE_NAMESPACES.has(name)) {
        return { ok: false, error: forbiddenError(type, name, 'this namespace may not be deleted', options.request) };
      }
      if (object.metadata.deletionTimestamp !== undefined) return { ok: true, object };
      const terminating = this.mutate(type, undefined, name, (ns) => {
        ns.metadata.deletionTimestamp = this.timestamp();
        ns.status = { ...(ns.status as object | undefined), phase: 'Terminating' };
      });
      return { ok: true, object: terminating ?? object };
    }
    const podSpec = object.spec as { terminationGracePeriodSeconds?: number; nodeName?: string } | undefined;
    const grace = options.gracePeriodSeconds ?? podSpec?.terminationGracePeriodSeconds ?? 30;
    const bound = gk === 'Pod' && podSpec?.nodeName !== undefined;
    if (bound && grace > 0) {
      if (object.metadata.deletionTimestamp !== undefined) return { ok: true, object };
      const terminating = this.mutate(type, namespace, name, (pod) => {
        pod.metadata.deletionTimestamp = this.timestamp(grace * 1000);
        pod.metadata.deletionGracePeriodSeconds = grace;
      });
      return { ok: true, object: terminating ?? object };
    }
    const removed = this.store.remove(gk, type.namespaced ? namespace : undefined, name);
    if (removed === undefined) return { ok: false, error: notFoundError(type, name, options.request) };
    if (gk === CRD_KEY) this.removeCustomResources(name);
    return { ok: true, object: removed };
  }

  /** A CRD's deletion takes every object of its kind with it, as the apiextensions server's finalizer does. */
  private removeCustomResources(crd: string): void {
    const defined = RESOURCE_TYPES.find((t) => t.crd !== undefined && crdName(t) === crd);
    if (defined === undefined) return;
    const key = groupKindOf(defined);
    for (const object of this.store.list(key)) this.store.remove(key, object.metadata.namespace, object.metadata.name);
  }

  /** Every stored object (all kinds) whose ownerReferences name `uid`. */
  dependentsOf(uid: string): { type: ResourceType; object: KubeObject }[] {
    const found: { type: ResourceType; object: KubeObject }[] = [];
    for (const gk of this.store.kinds()) {
      const type = typeForKey(gk);
      if (type === undefined) continue;
      this.store.scan(gk, (object) => {
        if (object.metadata.ownerReferences?.some((ref) => ref.uid === uid))
          found.push({ type, object: structuredClone(object) });
      });
    }
    return found;
  }

  private checkNamespace(
    type: ResourceType,
    name: string,
    namespace: string | undefined,
    request?: RequestSource,
  ): KubeError | undefined {
    if (!type.namespaced) return undefined;
    const ns = this.store.peek('Namespace', undefined, namespace ?? '');
    if (ns === undefined) return namespaceNotFoundError(namespace ?? '', request);
    if (ns.metadata.deletionTimestamp !== undefined) {
      return forbiddenError(
        type,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        request,
      );
    }
    return undefined;
  }

  private admit(object: KubeObject, operation: AdmissionOperation, old: KubeObject | undefined): void {
    applyDefaults(object);
    for (const plugin of this.plugins) plugin.admit(object, operation, old);
    applyDefaults(object); // webhooks' additions are defaulted too
  }

  /** ClusterIP and NodePorts: allocated on create, carried over on update (they are immutable once set). */
  private allocateServiceAddresses(
    object: KubeObject,
    operation: AdmissionOperation,
    old: KubeObject | undefined,
  ): void {
    if (object.kind !== 'Service' || object.apiVersion !== 'v1') return;
    const service = object as Service;
    const spec = service.spec ?? {};
    service.spec = spec;
    const previous = (old as Service | undefined)?.spec;
    if (spec.type === 'ExternalName') return;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      if (operation === 'UPDATE' && previous?.clusterIP !== undefined) spec.clusterIP = previous.clusterIP;
      else {
        const used = new Set(
          this.store.list('Service').map((s) => String((s.spec as { clusterIP?: string }).clusterIP ?? '')),
        );
        spec.clusterIP = allocateClusterIp(service.metadata.namespace ?? '', service.metadata.name, used);
      }
    }
    if (spec.clusterIPs === undefined || spec.clusterIPs.length === 0) spec.clusterIPs = [spec.clusterIP];
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
      for (const port of spec.ports ?? []) delete port.nodePort;
      return;
    }
    const used = new Set<number>();
    for (const s of this.store.list('Service')) {
      for (const p of (s.spec as { ports?: { nodePort?: number }[] }).ports ?? [])
        if (p.nodePort !== undefined) used.add(p.nodePort);
    }
    for (const port of spec.ports ?? []) {
      if (port.nodePort !== undefined) continue;
      const kept = previous?.ports?.find((p) => p.port === port.port && p.protocol === port.protocol)?.nodePort;
      port.nodePort =
        kept ?? allocateNodePort(`${service.metadata.namespace}/${service.metadata.name}/${port.port}`, used);
      used.add(port.nodePort);
    }
  }
}
