/**
 * What Part 3 can leave in a cluster, read as kubectl would list it: Bookinfo's workloads, the Istio and Gateway
 * API config objects in a namespace, the mTLS task's namespaces, and the control plane that must outlive them all.
 */
import type { SimCluster } from '../mesh';

const BOOKINFO_APPS = new Set(['productpage', 'details', 'reviews', 'ratings']);
export const TASK_NAMESPACES = ['foo', 'bar', 'legacy'] as const;

interface Named {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
}

function listed(cluster: SimCluster, resource: string, namespace?: string): Named[] {
  const type = cluster.kube.resolveResource(resource);
  return type === undefined ? [] : (cluster.kube.list(type, namespace) as unknown as Named[]);
}

/** Bookinfo's Deployments and Services in default, as `deployment/reviews-v1`. */
export function bookinfoLeft(cluster: SimCluster): string[] {
  return ['deployments', 'services'].flatMap((resource) =>
    listed(cluster, resource, 'default')
      .filter((o) => BOOKINFO_APPS.has(o.metadata.labels?.['app'] ?? ''))
      .map((o) => `${resource.slice(0, -1)}/${o.metadata.name}`),
  );
}

/**
 * Every object of an Istio API group (networking, security, telemetry, extensions) or of the Gateway API in a
 * namespace, as kubectl's `-o name` prints it: whatever a task applied, under whatever name.
 */
export function istioConfigIn(cluster: SimCluster, namespace: string): string[] {
  return cluster.kube
    .servedTypes()
    .filter((t) => t.namespaced && (t.group.endsWith('.istio.io') || t.group === 'gateway.networking.k8s.io'))
    .flatMap((t) =>
      (cluster.kube.list(t, namespace) as unknown as Named[]).map(
        (o) => `${t.kind.toLowerCase()}.${t.group}/${o.metadata.name}`,
      ),
    );
}

/** The mTLS task's namespaces still there; one being deleted counts as gone, as `kubectl delete ns` waits for it. */
export function taskNamespacesLeft(cluster: SimCluster): string[] {
  const present = new Set(
    listed(cluster, 'namespaces')
      .filter((n) => n.metadata.deletionTimestamp === undefined)
      .map((n) => n.metadata.name),
  );
  return TASK_NAMESPACES.filter((name) => present.has(name));
}

/** Whether istiod's Deployment is still in istio-system: cleaning up Part 3 must not uninstall Istio. */
export function istiodInstalled(cluster: SimCluster): boolean {
  return listed(cluster, 'deployments', 'istio-system').some((d) => d.metadata.name === 'istiod');
}
