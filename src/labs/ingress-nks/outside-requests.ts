/**
 * Requests from outside the cluster: the learner's laptop asks the NCP load balancer in front of
 * istio-ingressgateway, by the host name NKS gave it, as curl or a browser would.
 */
import { HttpClient } from '../mesh';
import { ingressHost } from '../grader/ingress';
import type { CheckContext } from '../schema';

/** The host the lab narrows Bookinfo to in step 3. */
export const BOOKINFO_HOST = 'bookinfo.example.com';

export interface OutsideAnswer {
  /** The HTTP status, or 0 when nothing answered (no load balancer address yet, connection refused). */
  readonly status: number;
  readonly title: string | undefined;
}

/**
 * `GET http://<load balancer>/productpage` with `host` as the Host header (the load balancer's own name when
 * undefined, as curl sends it). Waits up to a minute of virtual time for the address, as a learner watching
 * `<pending>` would.
 */
export function productpageFromOutside(ctx: CheckContext, host?: string): Promise<OutsideAnswer> {
  return ctx.sim(async (cluster) => {
    let address: string | undefined;
    for (let second = 0; second < 60 && address === undefined; second++) {
      try {
        address = ingressHost(cluster);
      } catch {
        await cluster.clock.sleep(1000);
      }
    }
    if (address === undefined) return { status: 0, title: undefined };
    const client = new HttpClient({ host: cluster.laptop, clock: cluster.clock });
    try {
      const headers = host === undefined ? {} : { host };
      const page = await client.get(`http://${address}/productpage`, { headers, timeoutMs: 10_000 });
      return { status: page.status, title: /<title>(.*?)<\/title>/.exec(page.body)?.[1] };
    } catch {
      return { status: 0, title: undefined };
    } finally {
      client.close();
    }
  });
}
