import { describe, expect, it } from 'vitest';
import { byteStream } from '../../net';
import { HttpClient } from '../http-client';
import { TestCluster } from '../testing/test-cluster';

function deployed(image: string) {
  const cluster = new TestCluster();
  cluster.deploy(image, 'addon-0', 'addon');
  const client = new HttpClient({ host: cluster.host(), clock: cluster.clock });
  return { cluster, client };
}

describe('observability add-ons', () => {
  it.each([
    ['docker.io/prom/prometheus:v3.10.0', 'http://addon:9090/-/ready', 'Prometheus Server is Ready.\n'],
    ['docker.io/grafana/grafana:12.0.1', 'http://addon:3000/api/health', '{"database":"ok"}'],
    ['docker.io/jaegertracing/jaeger:2.14.0', 'http://addon:13133/status', '{"status":"Server available"}'],
    ['quay.io/kiali/kiali:v2.26', 'http://addon:20001/kiali/healthz', ''],
    ['docker.io/grafana/loki:3.6.5', 'http://addon:3100/ready', 'ready\n'],
    ['docker.io/openzipkin/zipkin-slim:3.4.0', 'http://addon:9411/health', '{"status":"UP","zipkin":{"status":"UP"}}'],
    ['docker.io/envoyproxy/ratelimit:30a4ce1a', 'http://addon:8080/healthcheck', 'OK'],
  ])('%s answers its health path', async (image, url, body) => {
    const { cluster, client } = deployed(image);
    const response = await cluster.run(() => client.get(url));
    expect(response.status).toBe(200);
    expect(response.body).toBe(body);
  });

  it('answers 404 off its health paths and logs that it is up', async () => {
    const { cluster, client } = deployed('docker.io/prom/prometheus:v3.10.0');
    expect((await cluster.run(() => client.get('http://addon:9090/graph'))).status).toBe(404);
    expect(cluster.logs.get('addon-0')?.[0]).toContain('Server is ready to receive web requests.');
  });

  it("redis answers PING with PONG, as redis-cli's health check expects", async () => {
    const cluster = new TestCluster();
    const { ip } = cluster.deploy('redis:alpine', 'redis-0');
    const host = cluster.host();
    const reply = await cluster.run(async () => {
      const connection = await host.connect(ip, 6379);
      return connection.request(byteStream('*1\r\n$4\r\nPING\r\n'));
    });
    expect(reply.body).toBe('+PONG\r\n');
  });
});
