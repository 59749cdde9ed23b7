import type { Pod, SimCluster } from '../../index';
import { writeAdvice, type Advice } from '../advice';
import type { CommandIo } from '../io';

/** The pod selectors and ports istioctl's dashboard commands use (istioctl/pkg/dashboard), per add-on. */
const ADDONS = {
  kiali: { title: 'Kiali', selector: ['app', 'kiali'], port: 20001, path: '/kiali' },
  prometheus: { title: 'Prometheus', selector: ['app.kubernetes.io/name', 'prometheus'], port: 9090, path: '' },
  grafana: { title: 'Grafana', selector: ['app.kubernetes.io/name', 'grafana'], port: 3000, path: '' },
  jaeger: { title: 'Jaeger', selector: ['app', 'jaeger'], port: 16686, path: '' },
} as const;

/** Dashboards of the proxy and istiod themselves: no add-on to find. */
const BUILTIN_PORTS = { envoy: 15000, controlz: 9876 } as const;

/** The add-ons whose UI the workbench has: Kiali's graph is the Mesh graph tab, Prometheus' the Metrics tab. */
const IN_WORKBENCH = new Set<keyof typeof ADDONS>(['kiali', 'prometheus']);

/** Until the workbench has a dashboards or tracing view, what a learner uses instead of each add-on's UI. */
const INSTEAD: Readonly<Record<Exclude<keyof typeof ADDONS, 'kiali' | 'prometheus'>, Advice>> = {
  grafana: {
    en: "(this lab does not show Grafana's dashboards; read a proxy's metrics with `kubectl exec <pod> -c istio-proxy -- pilot-agent request GET stats`, and the traffic between workloads in the Graph tab)",
    ko: '(이 실습은 Grafana 대시보드를 보여 주지 않습니다. 프록시의 지표는 `kubectl exec <pod> -c istio-proxy -- pilot-agent request GET stats`로 읽고, 워크로드 사이의 트래픽은 그래프 탭에서 보십시오)',
  },
  jaeger: {
    en: "(this lab does not show Jaeger's traces; follow a request through the proxies with their access logs, `kubectl logs <pod> -c istio-proxy`, and the Graph tab)",
    ko: '(이 실습은 Jaeger 트레이스를 보여 주지 않습니다. 요청이 프록시를 거치는 과정은 액세스 로그(`kubectl logs <pod> -c istio-proxy`)와 그래프 탭에서 따라가십시오)',
  },
};

export type DashboardName = keyof typeof ADDONS | keyof typeof BUILTIN_PORTS;

export function isDashboard(name: string): name is DashboardName {
  return Object.hasOwn(ADDONS, name) || Object.hasOwn(BUILTIN_PORTS, name);
}

/**
 * `istioctl dashboard <name>`: an add-on's dashboard needs its pod (found by istioctl's selector in the Istio
 * namespace, then the command's namespace), and fails with istioctl's error otherwise. Kiali opens the mesh
 * graph, Prometheus the Metrics tab; the others print what the lab offers instead.
 */
export function dashboard(
  io: CommandIo,
  cluster: SimCluster,
  which: DashboardName,
  places: { istioNamespace: string; namespace: string; target: string | undefined },
): number {
  if (which === 'envoy' || which === 'controlz') {
    io.stdout.write(`http://localhost:${BUILTIN_PORTS[which]}\n`);
    cluster.emitUiEvent({ type: 'open-dashboard', dashboard: which, ...(places.target && { target: places.target }) });
    return 0;
  }
  const addon = ADDONS[which];
  const [key, value] = addon.selector;
  const found = [places.istioNamespace, places.namespace].some((ns) =>
    cluster.kube.list<Pod>('pods', ns).some((pod) => pod.metadata.labels?.[key] === value),
  );
  if (!found) {
    io.stderr.write(`Error: no ${addon.title} pods found\n`);
    return 1;
  }
  io.stdout.write(`http://localhost:${addon.port}${addon.path}\n`);
  if (IN_WORKBENCH.has(which)) cluster.emitUiEvent({ type: 'open-dashboard', dashboard: which });
  else writeAdvice(io, INSTEAD[which as keyof typeof INSTEAD]);
  return 0;
}
