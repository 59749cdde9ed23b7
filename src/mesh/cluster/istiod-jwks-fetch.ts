import { HttpClient, SYSTEM_CA_BUNDLE, wallClockOf } from '../apps';
import type { JwksFetch } from '../istiod';
import type { Kube, Pod } from '../kube';
import { MESH_EPOCH_MS, type Clock } from '../sim';
import type { WorkloadLayer } from './workload-layer';

/** Istio's default `timeout` of a JWT rule's fetch. */
const JWKS_FETCH_TIMEOUT_MS = 5_000;

/**
 * How istiod fetches a `jwksUri`: from its own pod (no sidecar), over the cluster network and out to the
 * simulated internet, trusting the system CAs as Go's client does. No running istiod pod: nothing to fetch with.
 */
export function istiodJwksFetch(deps: { clock: Clock; kube: Kube; workloads: WorkloadLayer }): JwksFetch {
  const { clock, kube, workloads } = deps;
  return async (uri) => {
    const pod = kube.list<Pod>('pods', 'istio-system', 'app=istiod')[0];
    const host = pod === undefined ? undefined : workloads.podHost('istio-system', pod.metadata.name);
    if (host === undefined) throw new Error('istiod is not running');
    const client = new HttpClient({ host, clock, keepAlive: false });
    const response = await client.get(uri, {
      timeoutMs: JWKS_FETCH_TIMEOUT_MS,
      tls: {
        trusted: SYSTEM_CA_BUNDLE,
        insecure: false,
        alpn: ['h2', 'http/1.1'],
        library: 'Go',
        nowMs: wallClockOf(clock, MESH_EPOCH_MS)(),
      },
    });
    if (response.status !== 200) throw new Error(`status code ${response.status}`);
    return response.body;
  };
}
