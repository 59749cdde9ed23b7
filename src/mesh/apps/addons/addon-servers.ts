import { byteStreamReply, isByteStream, type HttpRequest, type HttpResponse, type Listening } from '../../net';
import { jsonResponse, serveHttp, textResponse } from '../http-server';
import { splitPath } from '../http-text';
import type { Workload, WorkloadContext } from '../types';

/** What one observability add-on answers: its health and readiness paths; everything else is its UI or API. */
export interface AddonServer {
  /** Ports the process listens on; each answers the same paths (the probes name one of them). */
  ports: readonly number[];
  /** Path → response for the endpoints kubelet probes and `curl` would reach. */
  paths: Readonly<Record<string, () => HttpResponse>>;
  /** The line the process logs when it is up (as `kubectl logs` shows). */
  startLine: string;
}

const NOT_FOUND = (): HttpResponse => textResponse(404, '404 page not found\n');

/**
 * An add-on (Prometheus, Grafana, Jaeger, Kiali, Loki, …) reduced to what the mesh can observe of it: it listens
 * on its ports and answers its health paths, so probes pass and Services have endpoints. Its UI and queries are
 * not simulated; the workbench offers its own views instead (see `istioctl dashboard`).
 */
export function createAddonServer(server: AddonServer) {
  return (image: string, context: WorkloadContext): Workload => {
    const handle = (request: HttpRequest): Promise<HttpResponse> => {
      const answer = server.paths[splitPath(request.path).pathname] ?? NOT_FOUND;
      return Promise.resolve(answer());
    };
    let listening: Listening[] = [];
    return {
      image,
      ports: server.ports,
      start() {
        if (listening.length > 0) return;
        listening = server.ports.map((port) => serveHttp(context.host, port, handle));
        context.log(server.startLine);
      },
      stop() {
        for (const l of listening) l.close();
        listening = [];
      },
    };
  };
}

export const ok = (body: string) => (): HttpResponse => textResponse(200, body);
export const okJson = (value: unknown) => (): HttpResponse => jsonResponse(200, value);

export const REDIS_PORT = 6379;

/**
 * redis-server as the rate limit sample uses it: listens on 6379 and answers RESP `PING` with `+PONG` (what
 * `redis-cli ping` and health checks send); other commands get redis' error for a command it does not know.
 */
export function createRedis(image: string, context: WorkloadContext): Workload {
  let listening: Listening | undefined;
  const answer = (request: HttpRequest): Promise<HttpResponse> => {
    const written = isByteStream(request) ? request.body : '';
    const command = respCommand(written);
    const reply = command.toUpperCase() === 'PING' ? '+PONG\r\n' : `-ERR unknown command '${command}'\r\n`;
    return Promise.resolve(byteStreamReply(reply));
  };
  return {
    image,
    ports: [REDIS_PORT],
    start() {
      if (listening !== undefined) return;
      listening = context.host.listen(REDIS_PORT, answer);
      context.log('* Ready to accept connections tcp');
    },
    stop() {
      listening?.close();
      listening = undefined;
    },
  };
}

/** The command name of a RESP array (`*1\r\n$4\r\nPING\r\n`) or an inline command (`PING\r\n`). */
function respCommand(written: string): string {
  const lines = written.split('\r\n');
  if (lines[0]?.startsWith('*')) return lines[2] ?? '';
  return (lines[0] ?? '').trim().split(/\s+/)[0] ?? '';
}
