import type { HttpRequest, HttpResponse } from '../../net';
import type { ServerInstance } from './server-instance';
import { clustersText } from './clusters-text';
import { configDump } from './config-dump';
import { prometheusText, statsText } from './stats-text';

function reply(status: number, body: string, contentType = 'text/plain; charset=UTF-8'): HttpResponse {
  return { status, headers: { 'content-type': contentType, server: 'envoy' }, body };
}

/**
 * Envoy's admin interface (port 15000): the same texts over HTTP (`pilot-agent request GET stats`) and as
 * plain functions for the CLI (`istioctl proxy-config`, `kubectl exec … curl localhost:15000/stats`).
 */
export class AdminServer {
  constructor(private readonly proxy: ServerInstance) {}

  configDump(options: { includeEds?: boolean } = {}): Record<string, unknown> {
    return configDump(this.proxy, options);
  }

  stats(filter?: string): string {
    return statsText(this.proxy, filter);
  }

  prometheus(): string {
    return prometheusText(this.proxy);
  }

  clusters(): string {
    return clustersText(this.proxy);
  }

  /** The access log, oldest first (`kubectl logs … -c istio-proxy`). */
  logs(tail?: number): string[] {
    return this.proxy.accessLog.entries(tail);
  }

  /** pilot-agent's readiness endpoint: ready once the first configuration was accepted. */
  async handleHealth(request: HttpRequest): Promise<HttpResponse> {
    if (!request.path.startsWith('/healthz/ready')) return reply(404, '');
    return this.proxy.config === undefined ? reply(503, '') : reply(200, '');
  }

  async handle(request: HttpRequest): Promise<HttpResponse> {
    const q = request.path.indexOf('?');
    const path = q < 0 ? request.path : request.path.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : request.path.slice(q + 1));
    switch (path) {
      case '/config_dump':
        return reply(
          200,
          JSON.stringify(this.configDump({ includeEds: params.has('include_eds') }), null, 2),
          'application/json',
        );
      case '/stats':
        return reply(200, this.stats(params.get('filter') ?? undefined));
      case '/stats/prometheus':
        return reply(200, this.prometheus());
      case '/clusters':
        return reply(200, this.clusters());
      case '/ready':
        return reply(
          this.proxy.config === undefined ? 503 : 200,
          this.proxy.config === undefined ? 'PRE_INITIALIZING\n' : 'LIVE\n',
        );
      case '/logging': {
        // Envoy changes levels on POST only; a GET (or a POST with no parameters) lists them.
        if (request.method !== 'POST' || [...params].length === 0) return reply(200, this.proxy.loggers.list());
        const result = this.proxy.loggers.update(params);
        return reply(result.ok ? 200 : 404, result.text);
      }
      case '/server_info':
        return reply(
          200,
          JSON.stringify({ state: 'LIVE', node: { id: this.proxy.node.id } }, null, 2),
          'application/json',
        );
      default:
        return reply(
          404,
          'invalid path. admin commands are: /clusters /config_dump /logging /ready /server_info /stats /stats/prometheus\n',
        );
    }
  }
}
