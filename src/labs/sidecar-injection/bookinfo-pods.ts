/**
 * Bookinfo's pods as the lab grades them: which run an istio-proxy container, whether every container is ready
 * (`READY 2/2`), and whether istiod counts the proxy among its connections (`istioctl proxy-status`).
 */
import type { Pod, SimCluster } from '../mesh';
import { both } from '../grader/text';
import type { Bilingual } from '../schema';

const BOOKINFO_APPS = new Set(['productpage', 'details', 'ratings', 'reviews']);

export interface PodView {
  readonly name: string;
  readonly app: string;
  readonly sidecar: boolean;
  /** The pod's own `sidecar.istio.io/inject: "false"` label keeps it out whatever the namespace says. */
  readonly optedOut: boolean;
  /** `2/2`, `1/1`, `0/2`: ready containers over containers, as `kubectl get pods` shows them. */
  readonly ready: string;
  readonly running: boolean;
  /** istiod lists the pod's proxy among its connections. */
  readonly connected: boolean;
}

/** The Bookinfo pods in `default` that are not being deleted, sorted by name. */
export function bookinfoPods(cluster: SimCluster): PodView[] {
  const connected = new Set(cluster.istio.installed() ? cluster.istio.proxyStatus().map((row) => row.name) : []);
  return cluster.kube
    .list<Pod>('pods', 'default')
    .filter(
      (pod) => BOOKINFO_APPS.has(pod.metadata.labels?.['app'] ?? '') && pod.metadata.deletionTimestamp === undefined,
    )
    .map((pod) => {
      const statuses = pod.status?.containerStatuses ?? [];
      const containers = pod.spec?.containers ?? [];
      return {
        name: pod.metadata.name,
        app: pod.metadata.labels?.['app'] ?? '',
        sidecar: containers.some((c) => c.name === 'istio-proxy'),
        optedOut: pod.metadata.labels?.['sidecar.istio.io/inject'] === 'false',
        ready: `${statuses.filter((s) => s.ready).length}/${containers.length}`,
        running: pod.status?.phase === 'Running',
        connected: connected.has(`${pod.metadata.name}.default`),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A pod in the mesh as the learner should see it: 2/2 Running, its proxy connected to istiod. */
export function meshed(pod: PodView): boolean {
  return pod.sidecar && pod.running && pod.ready === '2/2' && pod.connected;
}

/** A pod outside the mesh: one container, running and ready, nothing connected to istiod. */
export function unmeshed(pod: PodView): boolean {
  return !pod.sidecar && pod.running && pod.ready === '1/1' && !pod.connected;
}

/** `details-v1-… 2/2 (proxy-status: yes)`, one per pod, for the report's "seen". */
export function describePods(pods: readonly PodView[]): Bilingual {
  if (pods.length === 0) return both('Bookinfo 파드가 없습니다', 'no Bookinfo pods');
  const line = (pod: PodView, words: { notRunning: string; listed: string; missing: string }): string =>
    `${pod.name} ${pod.ready}${pod.running ? '' : ` (${words.notRunning})`}, proxy-status: ${pod.connected ? words.listed : words.missing}`;
  return both(
    pods.map((pod) => line(pod, { notRunning: 'Running 아님', listed: '있음', missing: '없음' })).join('; '),
    pods.map((pod) => line(pod, { notRunning: 'not Running', listed: 'listed', missing: 'not listed' })).join('; '),
  );
}
