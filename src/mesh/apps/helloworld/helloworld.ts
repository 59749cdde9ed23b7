import type { HttpRequest, HttpResponse, Listening } from '../../net';
import { htmlResponse, serveHttp, WERKZEUG_NOT_FOUND } from '../http-server';
import { splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';

export const HELLOWORLD_PORT = 5000;

/**
 * Istio's helloworld sample (Python/Flask under gunicorn): `GET /hello` names the version baked into the
 * image and the pod that answered, `GET /health` says it is healthy. Which version an image is comes from
 * its name (`examples-helloworld-v2` → `v2`), as the image's SERVICE_VERSION does.
 */
export function createHelloworld(image: string, context: WorkloadContext): Workload {
  const version = /helloworld-(v\d+)/.exec(image)?.[1] ?? 'v1';
  const instance = context.env['HOSTNAME'] ?? context.pod.name;
  const handle = (request: HttpRequest): Promise<HttpResponse> => {
    const { pathname } = splitPath(request.path);
    if (pathname === '/hello')
      return Promise.resolve(htmlResponse(200, `Hello version: ${version}, instance: ${instance}\n`));
    if (pathname === '/health') return Promise.resolve(htmlResponse(200, 'Helloworld is healthy'));
    return Promise.resolve(htmlResponse(404, WERKZEUG_NOT_FOUND));
  };
  let listening: Listening | undefined;
  return {
    image,
    ports: [HELLOWORLD_PORT],
    start() {
      if (listening !== undefined) return;
      listening = serveHttp(context.host, HELLOWORLD_PORT, handle);
      context.log(`[INFO] Listening at: http://0.0.0.0:${HELLOWORLD_PORT} (1)`);
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}
