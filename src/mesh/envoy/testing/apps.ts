import { NetError, type HttpHandler, type HttpResponse } from '../../net';
import type { SimMesh } from './sim-mesh';

/** The response of a call that must not have failed at the network level. */
export function ok(r: HttpResponse | NetError): HttpResponse {
  if (r instanceof NetError) throw r;
  return r;
}

/** Endpoint `i` logs each request, waits `delayMs(i)` on the mesh clock and answers 200 `v<i+1>`. */
export function served(log: number[], delayMs: (i: number) => number = () => 0) {
  return (i: number, mesh: SimMesh): HttpHandler =>
    async () => {
      log.push(i);
      const d = delayMs(i);
      if (d > 0) await mesh.clock.sleep(d);
      return { status: 200, headers: {}, body: `v${i + 1}` };
    };
}
