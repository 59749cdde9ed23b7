import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../cli';

// Istio's standard metrics (istio.io/latest/docs/reference/config/metrics/) as each sidecar exposes them.
describe("Istio's standard metrics: request/response sizes and TCP counters", () => {
  let s: MeshSession;
  const stats = (workload: string): Promise<string> =>
    s.ok(`kubectl exec deploy/${workload} -c istio-proxy -- pilot-agent request GET stats/prometheus`);
  const lineOf = (text: string, metric: string, ...parts: string[]): string => {
    const line = text.split('\n').find((l) => l.startsWith(`${metric}{`) && parts.every((p) => l.includes(p)));
    if (line === undefined) throw new Error(`no ${metric} line with ${parts.join(', ')}`);
    return line;
  };
  const value = (line: string): number => Number(line.slice(line.lastIndexOf(' ') + 1));

  beforeAll(async () => {
    s = await createMeshSession({ preset: 'istio', seed: 5 });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl apply -f samples/tcp-echo/tcp-echo-services.yaml');
    await s.ok('kubectl wait --for=condition=ready pod --all');
  });
  afterAll(() => s.dispose());

  it('histograms each request body and response body size on both sidecars', async () => {
    const body = 'x'.repeat(700);
    await s.ok(`kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -d ${body} http://httpbin:8000/post`);
    for (const [workload, reporter] of [
      ['sleep', 'source'],
      ['httpbin', 'destination'],
    ] as const) {
      const text = await stats(workload);
      expect(text).toContain('# TYPE istio_request_bytes histogram\n');
      expect(text).toContain('# TYPE istio_response_bytes histogram\n');
      const who = [`reporter="${reporter}"`, 'destination_workload="httpbin"', 'response_code="200"'];
      expect(value(lineOf(text, 'istio_request_bytes_sum', ...who))).toBe(700);
      expect(value(lineOf(text, 'istio_request_bytes_bucket', ...who, 'le="500"'))).toBe(0);
      expect(value(lineOf(text, 'istio_request_bytes_bucket', ...who, 'le="1000"'))).toBe(1);
      expect(value(lineOf(text, 'istio_request_bytes_count', ...who))).toBe(1);
      expect(value(lineOf(text, 'istio_response_bytes_sum', ...who))).toBeGreaterThan(700);
      // Counters come before histograms, as Envoy prints them.
      expect(text.indexOf('# TYPE istio_requests_total')).toBeLessThan(text.indexOf('# TYPE istio_request_bytes'));
      expect(text.indexOf('# TYPE istio_request_bytes')).toBeLessThan(
        text.indexOf('# TYPE istio_request_duration_milliseconds'),
      );
    }
  });

  it('counts TCP connections and bytes each way, without request_protocol http or a response code', async () => {
    expect(await stats('sleep')).not.toContain('istio_tcp_');
    for (let i = 0; i < 3; i++)
      await s.ok(`kubectl exec deploy/sleep -c sleep -- sh -c "echo world | nc tcp-echo 9000"`);
    const client = await stats('sleep');
    const out = ['reporter="source"', 'source_workload="sleep"', 'destination_workload="tcp-echo-v'];
    expect(value(lineOf(client, 'istio_tcp_connections_opened_total', ...out))).toBeGreaterThan(0);
    const opened = client
      .split('\n')
      .filter((l) => l.startsWith('istio_tcp_connections_opened_total{') && l.includes('reporter="source"'));
    expect(opened.reduce((sum, l) => sum + value(l), 0)).toBe(3);
    const line = lineOf(client, 'istio_tcp_sent_bytes_total', ...out);
    expect(line).toContain('request_protocol="tcp"');
    expect(line).toContain('destination_service="tcp-echo.default.svc.cluster.local"');
    expect(line).not.toContain('response_code');
    expect(client).toContain('# TYPE istio_tcp_connections_closed_total counter\n');
    const received = client
      .split('\n')
      .filter((l) => l.startsWith('istio_tcp_received_bytes_total{') && l.includes('reporter="source"'));
    // "world\n" from each of three connections.
    expect(received.reduce((sum, l) => sum + value(l), 0)).toBe(18);

    const servers = (await stats('tcp-echo-v1')) + (await stats('tcp-echo-v2'));
    const inbound = servers
      .split('\n')
      .filter((l) => l.startsWith('istio_tcp_connections_closed_total{') && l.includes('reporter="destination"'));
    expect(inbound.reduce((sum, l) => sum + value(l), 0)).toBe(3);
    // The sidecars exchanged metadata over mTLS: the server knows its client's workload.
    expect(inbound.join('\n')).toContain('source_workload="sleep"');
    expect(inbound.join('\n')).toContain('connection_security_policy="mutual_tls"');
  });
});
