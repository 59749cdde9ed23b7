import {
  imageSpecFor,
  PROXY_IMAGE_BINARIES,
  type ExecOptions,
  type ExecResult,
  type Workload,
  createWorkload,
} from '../apps';
import { runEnvoyMain, type ProxyNode, type RequestRecorder } from '../envoy';
import { type Kube, TYPES, type Pod } from '../kube';
import { mountedFileReader } from './mounted-files';
import type { Net, NetHost } from '../net';
import { type Clock, MESH_EPOCH_MS, ownedClock, type SeededRandom, TimerOwner } from '../sim';

/** Containers Istio adds; the istio layer runs them (an Envoy), not the workload catalog. */
export const PROXY_CONTAINER = 'istio-proxy';

/** The owner a pod's timers are filed under (its containers', its Envoy's): `pod default/httpbin-…`. */
export function podTimerOwner(namespace: string, name: string): TimerOwner {
  return new TimerOwner(`pod ${namespace}/${name}`);
}

export function isProxyImage(image: string | undefined): boolean {
  return image !== undefined && /\/proxyv2(:|@|$)/.test(image.startsWith('docker.io/') ? image : `docker.io/${image}`);
}

/** The node a plain Envoy in `pod` reports: named after its pod, as `--service-node` would name it. */
function envoyNode(pod: Pod): ProxyNode {
  const namespace = pod.metadata.namespace ?? 'default';
  return {
    id: `${pod.metadata.name}.${namespace}`,
    type: 'router',
    workloadName: pod.metadata.ownerReferences?.[0]?.name.replace(/-[a-z0-9]{6,10}$/, '') ?? pod.metadata.name,
    namespace,
    labels: pod.metadata.labels ?? {},
    serviceAccount: pod.spec?.serviceAccountName ?? 'default',
  };
}

/** Told when a pod's network comes up or goes away, so the istio layer can start or stop its Envoy. */
export interface PodNetworkListener {
  podStarted(pod: Pod, host: NetHost): void;
  podStopped(namespace: string, name: string): void;
}

interface RunningPod {
  host: NetHost;
  /** The pod's containers' timers are the pod's: a runaway among them is blamed on it. */
  clock: Clock;
  image: Map<string, string>;
  workloads: Map<string, Workload>;
}

export interface WorkloadLayer {
  podHost(namespace: string, pod: string): NetHost | undefined;
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: readonly string[],
    options?: ExecOptions,
  ): Promise<ExecResult> | undefined;
  binaries(namespace: string, pod: string, container: string): readonly string[];
  setListener(listener: PodNetworkListener): void;
  dispose(): void;
}

/**
 * The container runtime's side: a Running pod gets a host with its pod IP and cluster DNS search domains, and
 * each container whose state is running starts its image's workload there (output goes to `kubectl logs`).
 * A terminating or deleted pod stops its workloads and leaves the network.
 */
export function createWorkloadLayer(deps: {
  clock: Clock;
  random: SeededRandom;
  net: Net;
  kube: Kube;
  /** The request inspector's recorder while it records, for Envoys that containers run themselves. */
  recorder?: () => RequestRecorder | undefined;
}): WorkloadLayer {
  const { clock, net, kube } = deps;
  const running = new Map<string, RunningPod>();
  let listener: PodNetworkListener | undefined;
  const key = (namespace: string, name: string): string => `${namespace}/${name}`;

  const stop = (namespace: string, name: string): void => {
    const pod = running.get(key(namespace, name));
    if (pod === undefined) return;
    running.delete(key(namespace, name));
    for (const workload of pod.workloads.values()) workload.stop();
    listener?.podStopped(namespace, name);
    net.removeHost(pod.host.address);
  };

  const reconcile = (pod: Pod): void => {
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const ip = pod.status?.podIP;
    if (
      pod.metadata.deletionTimestamp !== undefined ||
      pod.status?.phase !== 'Running' ||
      ip === undefined ||
      ip === ''
    ) {
      if (
        pod.metadata.deletionTimestamp !== undefined ||
        pod.status?.phase === 'Failed' ||
        pod.status?.phase === 'Succeeded'
      )
        stop(namespace, name);
      return;
    }
    let entry = running.get(key(namespace, name));
    if (entry === undefined) {
      const host = net.host(ip);
      net.setSearchDomains(ip, [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local']);
      entry = {
        host,
        clock: ownedClock(clock, podTimerOwner(namespace, name)),
        image: new Map(),
        workloads: new Map(),
      };
      running.set(key(namespace, name), entry);
      listener?.podStarted(pod, host);
    }
    for (const container of pod.spec?.containers ?? []) {
      entry.image.set(container.name, container.image ?? '');
      if (entry.workloads.has(container.name) || container.name === PROXY_CONTAINER || isProxyImage(container.image))
        continue;
      const status = pod.status?.containerStatuses?.find((s) => s.name === container.name);
      if (status?.state?.running === undefined) continue;
      const env: Record<string, string> = {};
      for (const variable of container.env ?? []) if (variable.value !== undefined) env[variable.name] = variable.value;
      const random = deps.random.fork();
      const readFile = mountedFileReader(kube, pod, container);
      const log = (line: string): void => kube.logs.append(namespace, name, container.name, line);
      const exit = (code: number): void => {
        // The process ends after the call that ended it returns, as an exit is seen by the kubelet later.
        clock.setTimer(0, () => {
          if (running.get(key(namespace, name))?.workloads.get(container.name) !== workload) return;
          entry.workloads.delete(container.name);
          workload?.stop();
          kube.containerExited(namespace, name, container.name, code);
        });
      };
      const workload = createWorkload(container.image ?? '', {
        host: entry.host,
        clock: entry.clock,
        random,
        pod: {
          name,
          namespace,
          labels: pod.metadata.labels ?? {},
          serviceAccount: pod.spec?.serviceAccountName ?? 'default',
          ip,
        },
        env,
        ...(container.command !== undefined && { command: container.command }),
        ...(container.args !== undefined && { args: container.args }),
        log,
        readFile,
        exit,
        programs: {
          envoy: (args) =>
            runEnvoyMain({
              host: entry.host,
              clock: entry.clock,
              random,
              node: envoyNode(pod),
              epochMs: MESH_EPOCH_MS,
              args,
              readFile,
              log,
              exit,
              ...(deps.recorder !== undefined && { recorder: deps.recorder }),
            }),
        },
      });
      if (workload === undefined) continue;
      entry.workloads.set(container.name, workload);
      workload.start();
    }
  };

  const unwatch = kube.watch(
    'Pod',
    (event) => {
      const pod = event.object as Pod;
      if (event.type === 'DELETED') stop(pod.metadata.namespace ?? 'default', pod.metadata.name);
      else reconcile(pod);
    },
    { replay: true },
  );

  return {
    podHost: (namespace, pod) => running.get(key(namespace, pod))?.host,
    exec: (namespace, pod, container, argv, options) => {
      const workload = running.get(key(namespace, pod))?.workloads.get(container);
      if (workload?.exec === undefined || argv.length === 0) return undefined;
      // A container resolves `/usr/bin/fortio` through its PATH; our programs go by their base name.
      const program = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
      return workload.exec([program, ...argv.slice(1)], options);
    },
    binaries: (namespace, pod, container) => {
      const object = kube.get<Pod>(TYPES.Pod, namespace, pod);
      const image = object?.spec?.containers?.find((c) => c.name === container)?.image;
      if (container === PROXY_CONTAINER || isProxyImage(image)) return PROXY_IMAGE_BINARIES;
      return image === undefined ? [] : (imageSpecFor(image)?.binaries ?? []);
    },
    setListener: (l) => {
      listener = l;
      for (const [id, pod] of running) {
        const [namespace = '', name = ''] = id.split('/');
        const object = kube.get<Pod>(TYPES.Pod, namespace, name);
        if (object !== undefined) l.podStarted(object, pod.host);
      }
    },
    dispose: () => {
      unwatch();
      for (const id of [...running.keys()]) {
        const [namespace = '', name = ''] = id.split('/');
        stop(namespace, name);
      }
    },
  };
}
