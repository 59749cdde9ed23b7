/**
 * The endpoints controller: for every Service with a selector, an Endpoints object of the same name listing
 * the matching pods — Ready ones under `addresses`, the others under `notReadyAddresses`, terminating ones
 * not at all — with each service port's targetPort resolved per pod (a named targetPort is looked up in the
 * pod's container ports). Pods whose ports resolve differently land in different subsets. The same pass keeps
 * the service's EndpointSlices (endpoint-slices.ts).
 */
import type { IEndpointAddress } from 'kubernetes-models/v1/EndpointAddress';
import type { IEndpointPort } from 'kubernetes-models/v1/EndpointPort';
import type { IEndpointSubset } from 'kubernetes-models/v1/EndpointSubset';
import { ipToNumber } from '../allocators';
import { isPodReady, isTerminating, mapSelectorMatches } from '../pods';
import { groupKindOf, TYPES } from '../resources';
import type { Endpoints, Pod, Service } from '../types';
import type { ControllerContext } from './context';
import { deleteEndpointSlices, reconcileEndpointSlices } from './endpoint-slices';
import { resolveTargetPort } from './target-port';

export function startEndpointsController(ctx: ControllerContext): void {
  const enqueue = (namespace: string | undefined): void =>
    ctx.enqueue(`endpoints/${namespace}`, () => reconcileNamespace(ctx, namespace ?? ''));
  ctx.watch(groupKindOf(TYPES.Service), (event) => {
    const { namespace, name } = event.object.metadata;
    enqueue(namespace);
    // A deleted service takes its managed Endpoints along (selector-less ones belong to the user).
    if (event.type === 'DELETED' && (event.object as Service).spec?.selector !== undefined) {
      ctx.enqueue(`endpoints-gc/${namespace}/${name}`, () => {
        if (ctx.api.get(TYPES.Service, namespace, name) !== undefined) return;
        ctx.api.delete(TYPES.Endpoints, namespace, name);
        deleteEndpointSlices(ctx, namespace ?? '', name);
      });
    }
  });
  ctx.watch(groupKindOf(TYPES.Pod), (event) => enqueue(event.object.metadata.namespace));
}

function reconcileNamespace(ctx: ControllerContext, namespace: string): void {
  const { api } = ctx;
  const services = api.view<Service>(TYPES.Service, namespace);
  const withIp = api.view<Pod>(TYPES.Pod, namespace).filter((p) => p.status?.podIP !== undefined);
  for (const service of services) {
    const selector = service.spec?.selector;
    if (selector === undefined || Object.keys(selector).length === 0 || service.spec?.type === 'ExternalName') continue;
    const selected = withIp.filter((p) => mapSelectorMatches(selector, p.metadata.labels));
    reconcileEndpointSlices(ctx, service, selected);
    const subsets = subsetsFor(
      service,
      selected.filter((p) => !isTerminating(p)),
    );
    const existing = api.get<Endpoints>(TYPES.Endpoints, namespace, service.metadata.name);
    const labels = { ...service.metadata.labels };
    if (existing === undefined) {
      const endpoints: Endpoints = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: service.metadata.name,
          namespace,
          labels,
          uid: '',
          resourceVersion: '',
          generation: 0,
          creationTimestamp: '',
        },
      };
      if (subsets.length > 0) endpoints.subsets = subsets;
      api.create(TYPES.Endpoints, endpoints);
    } else {
      api.mutate<Endpoints>(TYPES.Endpoints, namespace, service.metadata.name, (e) => {
        e.metadata.labels = labels;
        if (subsets.length > 0) e.subsets = subsets;
        else delete e.subsets;
      });
    }
  }
}

function subsetsFor(service: Service, pods: Pod[]): IEndpointSubset[] {
  const groups = new Map<string, { ports: IEndpointPort[]; ready: IEndpointAddress[]; notReady: IEndpointAddress[] }>();
  for (const pod of pods) {
    const ports: IEndpointPort[] = [];
    for (const servicePort of service.spec?.ports ?? []) {
      const port = resolveTargetPort(servicePort, pod);
      if (port === undefined) continue;
      ports.push({
        ...(servicePort.name ? { name: servicePort.name } : {}),
        port,
        protocol: servicePort.protocol ?? 'TCP',
      });
    }
    if (ports.length === 0) continue;
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (group === undefined) {
      group = { ports, ready: [], notReady: [] };
      groups.set(key, group);
    }
    const address: IEndpointAddress = {
      ip: pod.status!.podIP!,
      targetRef: {
        kind: 'Pod',
        name: pod.metadata.name,
        namespace: pod.metadata.namespace ?? '',
        uid: pod.metadata.uid,
      },
    };
    if (pod.spec?.nodeName !== undefined) address.nodeName = pod.spec.nodeName;
    (isPodReady(pod) ? group.ready : group.notReady).push(address);
  }
  return [...groups.values()].map((g) => {
    const subset: IEndpointSubset = { ports: g.ports };
    if (g.ready.length > 0) subset.addresses = byIp(g.ready);
    if (g.notReady.length > 0) subset.notReadyAddresses = byIp(g.notReady);
    return subset;
  });
}

/** Addresses in numeric IP order (each IP parsed once: a Service may have hundreds of pods). */
function byIp(addresses: IEndpointAddress[]): IEndpointAddress[] {
  return addresses
    .map((address) => ({ address, key: ipToNumber(address.ip) }))
    .sort((a, b) => a.key - b.key)
    .map(({ address }) => address);
}
