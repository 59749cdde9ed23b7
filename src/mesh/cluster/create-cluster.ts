import { installInternet } from '../apps';
import { SimNet } from '../net';
import { type Clock, RealClock, SeededRandom, VirtualClock } from '../sim';
import { CommandDriver } from './drive';
import { createControlPlane } from './control-plane';
import { istiodJwksFetch } from './istiod-jwks-fetch';
import { createKubeLayer } from './kube-layer';
import { createLaptop } from './laptop';
import { NKS_CLUSTER } from './nks';
import { applyPreset } from './presets';
import { createProxyAgents } from './proxy-agents';
import { loadSchemaModels } from '../kube';
import { RequestLog } from '../envoy';
import { ServiceNetwork } from './service-network';
import type { SimCluster, CreateClusterOptions, UiEvent } from './types';
import { createWorkloadLayer } from './workload-layer';

/**
 * The composition root: one simulated NKS cluster — network, API server and controllers, the pods'
 * workloads and sidecars, istiod once installed — plus the learner's laptop outside it.
 */
export async function createCluster(options: CreateClusterOptions = {}): Promise<SimCluster> {
  if (options.schemas !== 'later') await loadSchemaModels();
  const clock = options.net?.clock ?? pickClock(options.clock);
  const random = new SeededRandom(options.seed ?? 1);
  const net = options.net ?? new SimNet({ clock, random: random.fork() });
  // Time on the wire between pods: without it no two requests would ever be in flight together, and
  // connection-pool limits (circuit breaking) could never trip.
  if (options.net === undefined) net.setLink('*', '*', { latencyMs: LINK_LATENCY_MS });
  const driver = new CommandDriver(clock);
  const kubeLayer = createKubeLayer({ clock, random: random.fork() });
  const kube = kubeLayer.kube;
  const services = new ServiceNetwork(kube, net, random.fork());
  const requests = new RequestLog();
  requests.enabled = options.recordRequests ?? true;
  const recorder = (): RequestLog | undefined => (requests.enabled ? requests : undefined);
  const workloads = createWorkloadLayer({ clock, random: random.fork(), net, kube, recorder });
  // The agents and istiod fork from one source, in the order they always have: a seed replays the same run.
  const istioRandom = random.fork();
  const agents = createProxyAgents({
    clock,
    random: istioRandom,
    kube,
    workloads,
    track: (p) => driver.track(p),
    recorder,
  });
  const controlPlane = createControlPlane({
    clock,
    random: istioRandom,
    kube,
    cache: kubeLayer.cache,
    agents,
    track: (p) => driver.track(p),
    fetchJwks: istiodJwksFetch({ clock, kube, workloads }),
  });
  const laptop = createLaptop(net);
  // The public hosts the task pages reach (forked last: earlier forks keep their seeds); a network given
  // from outside (real sockets) has its own.
  if (options.net === undefined) installInternet(net, clock, random.fork());
  const uiListeners = new Set<(event: UiEvent) => void>();

  const nksReadyAt = clock.now() + (options.nksCreatingMs ?? 0);
  const cluster: SimCluster = {
    clock,
    requests,
    get clockKind() {
      return clock instanceof VirtualClock && clock.drivesVirtually ? 'virtual' : 'real';
    },
    info: NKS_CLUSTER,
    nksStatus: () => (clock.now() < nksReadyAt ? 'CREATING' : 'RUNNING'),
    kube,
    istio: controlPlane.control,
    laptop,
    podHost: (namespace, pod) => workloads.podHost(namespace, pod),
    exec: (namespace, pod, container, argv, execOptions) =>
      agents.execInProxy(namespace, pod, container, argv) ??
      workloads.exec(namespace, pod, container, argv, execOptions),
    binaries: (namespace, pod, container) => workloads.binaries(namespace, pod, container),
    proxy: (namespace, pod) => agents.proxyAdmin(namespace, pod),
    editProxyRouteTimeout: (namespace, pod, host, timeoutMs) =>
      agents.editRouteTimeout(namespace, pod, host, timeoutMs),
    proxyHandEdits: () => agents.handEdits(),
    replaceProxyRoutes: (namespace, pod, host, routes) => agents.replaceRoutes(namespace, pod, host, routes),
    setProxyExtensions: (extensions) => agents.setProxyExtensions(extensions),
    run: (work, runOptions) => driver.run(work, runOptions?.signal),
    runBeside: (work) => driver.runBeside(work),
    track: (promise) => driver.track(promise),
    settle: (settleOptions) =>
      driver.settle(() => kubeLayer.converged(settleOptions) && controlPlane.converged(), {
        stepMs: 250,
        limitMs: 300_000,
        ...(settleOptions?.signal !== undefined && { signal: settleOptions.signal }),
      }),
    onUiEvent: (listener) => {
      uiListeners.add(listener);
      return () => void uiListeners.delete(listener);
    },
    emitUiEvent: (event) => {
      for (const listener of uiListeners) listener(event);
    },
    dispose: () => {
      controlPlane.dispose();
      agents.dispose();
      workloads.dispose();
      services.dispose();
      kubeLayer.dispose();
    },
  };
  await applyPreset(cluster, options.preset ?? 'bare');
  return cluster;
}

/**
 * One-way latency between two pods of one zone (a 0.1 ms round trip). A new connection pays it twice for TCP
 * and twice more for the sidecars' mTLS handshake, so it must stay below what a caller spends between two
 * requests — as on a real cluster, where istio.io's circuit-breaking task sees only a few 503s with two callers.
 */
const LINK_LATENCY_MS = 0.05;

function pickClock(choice: CreateClusterOptions['clock']): Clock {
  if (choice === undefined || choice === 'virtual') return new VirtualClock();
  // Not unref'd: a command waiting on a timer must keep the process alive (the CLI exits explicitly).
  if (choice === 'real') return new RealClock();
  return choice;
}
