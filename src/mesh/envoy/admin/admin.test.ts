import { describe, expect, it } from 'vitest';
import { NetError, type HttpResponse } from '../../net';
import { call, clientServerMesh } from '../testing/sim-mesh';
import { formatIsoTime } from './time-format';

const CLUSTER = 'outbound|8000||httpbin.default.svc.cluster.local';

function ok(r: HttpResponse | NetError): HttpResponse {
  if (r instanceof NetError) throw r;
  return r;
}

async function trafficMesh() {
  const m = clientServerMesh({ endpoints: 1, clientProxyOptions: { accessLog: 'always' } });
  await m.mesh.run(async () => {
    for (let i = 0; i < 7; i++) await m.get(i < 6 ? '/get' : '/status/503', { 'user-agent': 'curl/8.5.0' });
  });
  return m;
}

describe('admin outputs', () => {
  it('/stats prints `name: value` lines in Envoy text format', async () => {
    const m = await trafficMesh();
    const text = m.proxy.admin.stats();
    expect(text).toContain(`cluster.${CLUSTER}.upstream_rq_total: 7\n`);
    expect(text).toContain(`cluster.${CLUSTER}.upstream_rq_2xx: 6\n`);
    expect(text).toContain(`cluster.${CLUSTER}.upstream_rq_503: 1\n`);
    expect(text).toContain(`cluster.${CLUSTER}.upstream_rq_5xx: 1\n`);
    expect(text).toContain(`cluster.${CLUSTER}.upstream_rq_pending_overflow: 0\n`);
    expect(text).toContain(`cluster.${CLUSTER}.upstream_cx_total: 1\n`);
    expect(text).toContain(`cluster.${CLUSTER}.circuit_breakers.default.remaining_rq: 4294967295\n`);
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((l) => /^[^ ]+: -?\d+(\.\d+)?$/.test(l)),
    ).toBe(true);
    expect(m.proxy.admin.stats('pending')).toMatch(/^(cluster\.[^\n]*pending[^\n]*\n)+$/);
  });

  it('/clusters prints per-host lines as Envoy does', async () => {
    const m = await trafficMesh();
    const text = m.proxy.admin.clusters();
    expect(text).toContain(`${CLUSTER}::10.0.1.1:8000::health_flags::healthy\n`);
    expect(text).toContain(`${CLUSTER}::10.0.1.1:8000::cx_active::1\n`);
    expect(text).toContain(`${CLUSTER}::10.0.1.1:8000::rq_active::0\n`);
    expect(text).toContain(`${CLUSTER}::10.0.1.1:8000::rq_total::7\n`);
    expect(text).toContain(`${CLUSTER}::default_priority::max_connections::4294967295\n`);
  });

  it('/config_dump has one dump per resource type with version_info', async () => {
    const m = await trafficMesh();
    const dump = m.proxy.admin.configDump() as { configs: Array<Record<string, unknown>> };
    expect(dump.configs.map((c) => c['@type'])).toEqual([
      'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
      'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
      'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
      'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
    ]);
    const listeners = dump.configs[1] as {
      version_info: string;
      dynamic_listeners: Array<{
        name: string;
        active_state: { listener: Record<string, unknown>; last_updated: string };
      }>;
    };
    expect(listeners.version_info).toBe('1');
    const outbound = listeners.dynamic_listeners.find((l) => l.name === '0.0.0.0_8000')!;
    expect(outbound.active_state.listener['@type']).toBe('type.googleapis.com/envoy.config.listener.v3.Listener');
    expect(outbound.active_state.last_updated).toBe('2026-01-01T00:00:00.000Z');
    const clusters = dump.configs[2] as { dynamic_active_clusters: Array<{ cluster: { name: string } }> };
    expect(clusters.dynamic_active_clusters.map((c) => c.cluster.name)).toContain(CLUSTER);
    const withEds = m.proxy.admin.configDump({ includeEds: true }) as { configs: Array<Record<string, unknown>> };
    expect(withEds.configs.at(-1)!['@type']).toBe('type.googleapis.com/envoy.admin.v3.EndpointsConfigDump');
  });

  it('/stats/prometheus has istio_requests_total and the duration histogram with Istio labels, on both sides', async () => {
    const m = await trafficMesh();
    const client = m.proxy.admin.prometheus();
    expect(client).toContain('# TYPE istio_requests_total counter');
    const line = client
      .split('\n')
      .find((l) => l.startsWith('istio_requests_total{') && l.includes('response_code="200"'))!;
    expect(line).toBe(
      'istio_requests_total{reporter="source",source_workload="sleep",source_workload_namespace="default",source_principal="spiffe://cluster.local/ns/default/sa/sleep",source_app="sleep",source_version="v1",' +
        'destination_workload="httpbin-0",destination_workload_namespace="default",destination_principal="spiffe://cluster.local/ns/default/sa/httpbin",destination_app="httpbin",destination_version="v1",' +
        'destination_service="httpbin.default.svc.cluster.local",destination_service_name="httpbin",destination_service_namespace="default",request_protocol="http",response_code="200",response_flags="-",connection_security_policy="unknown"} 6',
    );
    expect(client).toMatch(
      /istio_request_duration_milliseconds_bucket\{reporter="source",[^}]*response_code="200"[^}]*,le="0\.5"\} 6/,
    );
    expect(client).toMatch(/istio_request_duration_milliseconds_count\{[^}]*response_code="503"[^}]*\} 1/);
    expect(client).toMatch(/istio_request_duration_milliseconds_sum\{/);
    const server = m.servers[0]!.proxy!.admin.prometheus();
    expect(server).toMatch(
      /istio_requests_total\{reporter="destination",source_workload="sleep",[^}]*destination_workload="httpbin-0"[^}]*response_code="200"[^}]*connection_security_policy="none"\} 6/,
    );
    expect(m.proxy.metrics.requestsTotal({ response_code: '503' })).toBe(1);
  });

  it("the access log uses Istio's default text format with START_TIME from the virtual clock", async () => {
    const m = await trafficMesh();
    const line = m.proxy.admin.logs(1)[0]!;
    expect(line).toMatch(
      /^\[2026-01-01T00:00:00\.000Z\] "GET \/status\/503 HTTP\/1\.1" 503 - via_upstream - "-" 0 0 0 0 "-" "curl\/8\.5\.0" "[0-9a-f-]{36}" "httpbin:8000" "10\.0\.1\.1:8000" outbound\|8000\|\|httpbin\.default\.svc\.cluster\.local 10\.0\.0\.10:\d+ 10\.96\.0\.1:8000 10\.0\.0\.10:\d+ - default$/,
    );
    expect(m.proxy.admin.logs()).toHaveLength(7);
  });

  it('the admin port serves the same texts over the Net', async () => {
    const m = await trafficMesh();
    const res = ok(
      await m.mesh.run(() => call(m.client.host, '127.0.0.1', 15000, '/stats?filter=httpbin.*upstream_rq_total')),
    );
    expect(res.body).toBe(`cluster.${CLUSTER}.upstream_rq_total: 7\n`);
  });

  it('/healthz/ready on 15021 answers 200 once configured', async () => {
    const m = await trafficMesh();
    const res = ok(await m.mesh.run(() => call(m.client.host, '127.0.0.1', 15021, '/healthz/ready')));
    expect(res.status).toBe(200);
  });

  it('ISO times are computed from the epoch without the wall clock', () => {
    expect(formatIsoTime(Date.UTC(2024, 1, 29, 23, 59, 59), 1001)).toBe('2024-03-01T00:00:00.001Z');
    expect(formatIsoTime(0, 0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
