/**
 * What the istio-today checks look at: the Gateway API objects the learner made (read from the API server, by
 * kind, whatever their names) and requests from the learner's laptop through the gateway istiod deployed for
 * them.
 */
import { HttpClient, type SimCluster } from '../mesh';
import type { CheckContext } from '../schema';

interface Condition {
  type: string;
  status: string;
}

interface GatewayObject {
  metadata: { name: string };
  spec?: { gatewayClassName?: string; listeners?: Array<{ port?: number }> };
  status?: { addresses?: Array<{ value?: string }>; conditions?: Condition[] };
}

/** The host name the checks ask for, and the port the gateway must listen on (not istio.io's 80). */
export const HOST = 'httpbin.today.example';
export const PORT = 8080;

const conditionTrue = (conditions: Condition[] | undefined, type: string): boolean =>
  conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/** Whether istiod has accepted the `istio` GatewayClass: it makes it once the Gateway API's CRDs exist. */
export function istioClassAccepted(cluster: SimCluster): boolean {
  const classes = cluster.kube.resolveResource('gatewayclasses.gateway.networking.k8s.io');
  if (classes === undefined) return false;
  const istio = cluster.kube.get(classes, undefined, 'istio') as GatewayObject | undefined;
  return conditionTrue(istio?.status?.conditions, 'Accepted');
}

/** The default namespace's Gateways of class `istio` that listen on PORT, with what istiod reported. */
export function gatewaysOnPort(
  cluster: SimCluster,
): Array<{ name: string; programmed: boolean; address: string | undefined }> {
  const gateways = cluster.kube.resolveResource('gateways.gateway.networking.k8s.io');
  if (gateways === undefined) return [];
  return (cluster.kube.list(gateways, 'default') as unknown as GatewayObject[])
    .filter((g) => g.spec?.gatewayClassName === 'istio' && g.spec.listeners?.some((l) => l.port === PORT))
    .map((g) => ({
      name: g.metadata.name,
      programmed: conditionTrue(g.status?.conditions, 'Programmed'),
      address: g.status?.addresses?.[0]?.value,
    }));
}

/**
 * Waits (on the virtual clock) for a programmed gateway on PORT — istiod deploys its pod and the load balancer
 * gets its address after the Gateway is applied, as on a real cluster — and returns its address.
 */
export async function gatewayAddress(ctx: CheckContext): Promise<string | undefined> {
  return ctx.sim(async (cluster) => {
    for (let second = 0; second < 60; second++) {
      const ready = gatewaysOnPort(cluster).find((g) => g.programmed && g.address !== undefined);
      if (ready !== undefined) return ready.address;
      await cluster.clock.sleep(1000);
    }
    return undefined;
  });
}

/** The status of `GET http://<address>:PORT<path>` with that Host header, from the learner's laptop (0: no answer). */
export async function statusThroughGateway(
  ctx: CheckContext,
  address: string,
  path: string,
  host: string = HOST,
): Promise<{ status: number; body: string }> {
  return ctx.sim(async (cluster) => {
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    try {
      const response = await client.get(`http://${address}:${PORT}${path}`, { headers: { host }, timeoutMs: 10_000 });
      return { status: response.status, body: response.body };
    } catch {
      return { status: 0, body: '' };
    } finally {
      client.close();
    }
  });
}
