/**
 * One client sidecar → server sidecar scenario written against the Net contract only, so the same calls
 * run on SimNet and on NodeNet (real loopback sockets) and must give the same outcomes.
 */
import { runScenario } from '../../sim';
import { NetError, type Net } from '../../net';
import { type Route, percentToFraction } from '../../xds/index';
import { addPod, call, httpbin } from './sim-mesh';
import { sidecarUpdate, type ServiceSpec } from './xds-builders';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

export interface ParityOutcome {
  readonly codes: Array<number | string>;
  readonly bodies: string[];
  readonly stats: Record<string, number>;
}

export async function runParityScenario(net: Net): Promise<ParityOutcome> {
  const client = addPod(net, { name: 'sleep', ip: '10.9.0.1' });
  const servers = ['10.9.1.1', '10.9.1.2'].map((ip, i) =>
    addPod(net, {
      name: `httpbin-${i}`,
      ip,
      port: 8000,
      app: httpbin(net.clock, `httpbin-${i}`),
      serviceAccount: 'httpbin',
    }),
  );
  net.setDnsRecord('httpbin.default.svc.cluster.local', '10.96.9.1');
  net.setSearchDomains('10.9.0.1', ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
  const svc: ServiceSpec = { name: 'httpbin', port: 8000, endpoints: [{ ip: '10.9.1.1' }, { ip: '10.9.1.2' }] };
  const routes: Route[] = [
    {
      name: 'abort',
      match: { prefix: '/abort' },
      route: { cluster: CLUSTER },
      typed_per_filter_config: {
        'envoy.filters.http.fault': { abort: { http_status: 418, percentage: percentToFraction(100) } },
      },
    },
    {
      name: 'retry',
      match: { prefix: '/status' },
      route: { cluster: CLUSTER, retry_policy: { retry_on: '5xx', num_retries: 2 } },
    },
    { name: 'rest', match: { prefix: '/get' }, route: { cluster: CLUSTER } },
  ];
  const sa = { httpbin: 'spiffe://cluster.local/ns/default/sa/httpbin' };
  const accept = (r: { accepted: boolean } | undefined): void => {
    if (r?.accepted !== true) throw new Error(`config rejected: ${JSON.stringify(r)}`);
  };
  accept(
    client.proxy?.applyConfig(
      sidecarUpdate({
        services: [svc],
        routes: { httpbin: routes },
        spiffe: client.spiffe,
        serverSa: sa,
        clusters: { httpbin: { lb_policy: 'ROUND_ROBIN' } },
      }),
    ),
  );
  for (const s of servers)
    accept(
      s.proxy?.applyConfig(
        sidecarUpdate({ services: [], ownPorts: [8000], ownService: svc, mtls: 'STRICT', spiffe: s.spiffe }),
      ),
    );
  const legacy = addPod(net, { name: 'legacy', ip: '10.9.2.1', sidecar: false });

  return runScenario(
    net.clock,
    async () => {
      const codes: Array<number | string> = [];
      const bodies: string[] = [];
      const record = async (p: ReturnType<typeof call>): Promise<void> => {
        const r = await p;
        codes.push(r instanceof NetError ? r.code : r.status);
        bodies.push(
          r instanceof NetError
            ? ''
            : r.body.startsWith('{')
              ? String((JSON.parse(r.body) as { served_by: string }).served_by)
              : r.body,
        );
      };
      await record(call(client.host, 'httpbin', 8000, '/get'));
      await record(call(client.host, 'httpbin', 8000, '/get'));
      await record(call(client.host, 'httpbin', 8000, '/status/503'));
      await record(call(client.host, 'httpbin', 8000, '/abort'));
      await record(call(client.host, 'httpbin', 8000, '/nothing-here'));
      await record(call(legacy.host, '10.9.1.1', 8000, '/get'));
      const stats: Record<string, number> = {};
      for (const line of client
        .proxy!.admin.stats(
          `${CLUSTER.replace(/\|/g, '\\|')}\\.(upstream_rq_total|upstream_rq_503|upstream_rq_200|upstream_rq_retry|upstream_rq_retry_limit_exceeded)$`,
        )
        .split('\n')) {
        const [name, value] = line.split(': ');
        if (name !== undefined && value !== undefined) stats[name] = Number(value);
      }
      stats['server0.inbound.rq_total'] = servers[0]!.proxy!.stats.counter(
        'http.inbound_0.0.0.0_8000.downstream_rq_total',
      ).value;
      for (const p of [client, ...servers]) p.proxy!.stop();
      return { codes, bodies, stats };
    },
    { maxTimeMs: 20_000 },
  );
}
