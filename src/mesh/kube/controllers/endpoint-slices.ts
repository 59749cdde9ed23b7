/**
 * The EndpointSlice controller's part of the endpoints controller: for every Service with a selector, the
 * discovery.k8s.io/v1 slices Kubernetes 1.33 reads instead of Endpoints (v1 Endpoints is deprecated there). One
 * slice per set of resolved ports, named `<service>-<5 characters>`, labelled with the service's name and
 * the controller that manages it. Unlike Endpoints, a terminating pod stays listed, `ready: false,
 * terminating: true`, so proxies can drain it; a service without pods keeps one empty slice.
 */
import type { IEndpoint } from 'kubernetes-models/discovery.k8s.io/v1/Endpoint';
import type { IEndpointPort } from 'kubernetes-models/discovery.k8s.io/v1/EndpointPort';
import { ipToNumber } from '../allocators';
import { fnv32a } from '../names';
import { isPodReady, isTerminating } from '../pods';
import { TYPES } from '../resources';
import type { EndpointSlice, Pod, Service } from '../types';
import type { ControllerContext } from './context';
import { resolveTargetPort } from './target-port';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** A stable `x7k2q` for the n-th slice of a service: the name stays the same on every reconcile and replay. */
function sliceName(namespace: string, service: string, index: number): string {
  let hash = fnv32a(`${namespace}/${service}/${index}`);
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += ALPHANUMS[hash % ALPHANUMS.length];
    hash = Math.floor(hash / ALPHANUMS.length);
  }
  return `${service}-${suffix}`;
}

interface SliceContent {
  ports: IEndpointPort[] | undefined;
  endpoints: IEndpoint[];
}

/** Pods grouped by the ports the service's ports resolve to on them, endpoints in numeric IP order. */
function slicesFor(service: Service, pods: readonly Pod[]): SliceContent[] {
  const groups = new Map<string, SliceContent>();
  for (const pod of pods) {
    const ports: IEndpointPort[] = [];
    for (const servicePort of service.spec?.ports ?? []) {
      const port = resolveTargetPort(servicePort, pod);
      if (port !== undefined)
        ports.push({ name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP' });
    }
    if (ports.length === 0) continue;
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    groups.set(key, group);
    const terminating = isTerminating(pod);
    const endpoint: IEndpoint = {
      addresses: [pod.status!.podIP!],
      conditions: { ready: isPodReady(pod) && !terminating, serving: isPodReady(pod), terminating },
      targetRef: {
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: pod.metadata.namespace ?? '',
        uid: pod.metadata.uid,
      },
    };
    if (pod.spec?.nodeName !== undefined) endpoint.nodeName = pod.spec.nodeName;
    group.endpoints.push(endpoint);
  }
  const slices = [...groups.values()].map((g) => ({
    ports: g.ports,
    endpoints: g.endpoints.sort((a, b) => ipToNumber(a.addresses[0]!) - ipToNumber(b.addresses[0]!)),
  }));
  return slices.length > 0 ? slices : [{ ports: undefined, endpoints: [] }];
}

/** Brings one service's slices in line with its pods (those with an IP, terminating ones included). */
export function reconcileEndpointSlices(ctx: ControllerContext, service: Service, pods: readonly Pod[]): void {
  const { api } = ctx;
  const namespace = service.metadata.namespace ?? '';
  const name = service.metadata.name;
  const labels = { ...service.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [SERVICE_NAME_LABEL]: name };
  const wanted = slicesFor(service, pods);
  // The stored slices as they are (a view, not copies): most reconciles change nothing, and a slice can list
  // hundreds of pods.
  const owned = new Map(
    api
      .view<EndpointSlice>(TYPES.EndpointSlice, namespace)
      .filter(
        (s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY,
      )
      .map((s) => [s.metadata.name, s]),
  );
  wanted.forEach((content, index) => {
    const sliceNameFor = sliceName(namespace, name, index);
    const stored = owned.get(sliceNameFor);
    if (stored === undefined && api.get(TYPES.EndpointSlice, namespace, sliceNameFor) === undefined) {
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: sliceNameFor,
          namespace,
          labels,
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name,
              uid: service.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
          uid: '',
          resourceVersion: '',
          generation: 0,
          creationTimestamp: '',
        },
        addressType: 'IPv4',
        endpoints: content.endpoints,
        ...(content.ports === undefined ? {} : { ports: content.ports }),
      };
      api.create(TYPES.EndpointSlice, slice);
      return;
    }
    // An unchanged slice is not written again: every write would wake istiod and bump resourceVersion. Both sides
    // are built by this controller in the same key order, so their JSON compares.
    const same =
      stored !== undefined &&
      JSON.stringify([stored.metadata.labels, stored.ports, stored.endpoints]) ===
        JSON.stringify([labels, content.ports, content.endpoints]);
    if (same) return;
    api.mutate<EndpointSlice>(TYPES.EndpointSlice, namespace, sliceNameFor, (s) => {
      s.metadata.labels = labels;
      s.endpoints = content.endpoints;
      if (content.ports === undefined) delete s.ports;
      else s.ports = content.ports;
      return true;
    });
  });
  const keep = new Set(wanted.map((_, index) => sliceName(namespace, name, index)));
  for (const stale of owned.keys()) if (!keep.has(stale)) api.delete(TYPES.EndpointSlice, namespace, stale);
}

/** A deleted service's slices go with it. */
export function deleteEndpointSlices(ctx: ControllerContext, namespace: string, service: string): void {
  for (const slice of ctx.api.view<EndpointSlice>(TYPES.EndpointSlice, namespace)) {
    if (
      slice.metadata.labels?.[SERVICE_NAME_LABEL] === service &&
      slice.metadata.labels[MANAGED_BY_LABEL] === MANAGED_BY
    )
      ctx.api.delete(TYPES.EndpointSlice, namespace, slice.metadata.name);
  }
}
