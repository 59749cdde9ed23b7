import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeshSession, type MeshSession } from '../../cli';

// https://istio.io/v1.30/docs/tasks/observability/logs/access-log/ — the commands as printed, in order.
const LINE =
  /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] "GET \/status\/418 HTTP\/1\.1" 418 - via_upstream - "-" 0 135 \d+ \d+ "-" "curl\/[\d.]+" "[0-9a-f-]{36}" "httpbin:8000" "(\d+\.\d+\.\d+\.\d+:\d+)" (\S+) (\d+\.\d+\.\d+\.\d+:\d+) (\d+\.\d+\.\d+\.\d+:\d+) (\d+\.\d+\.\d+\.\d+:\d+) (\S+) default$/;

const TELEMETRY = `kubectl apply -f - <<EOF
apiVersion: telemetry.istio.io/v1alpha1
kind: Telemetry
metadata:
  name: mesh-default
  namespace: istio-system
spec:
  accessLogging:
    - providers:
      - name: envoy
EOF`;

describe('istio.io task: Envoy access logs', () => {
  let s: MeshSession;
  beforeAll(async () => {
    s = await createMeshSession({ preset: 'bare' });
    // The page starts from the default profile, where nothing logs until access logging is turned on.
    await s.ok('istioctl install --set profile=default -y');
    await s.ok('kubectl label namespace default istio-injection=enabled --overwrite');
    await s.ok('kubectl apply -f samples/sleep/sleep.yaml');
    await s.ok("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath='{.items..metadata.name}')");
    await s.ok('kubectl apply -f samples/httpbin/httpbin.yaml');
    await s.ok('kubectl wait --for=condition=ready pod --all --timeout=120s');
  });
  afterAll(() => s.dispose());

  it('without meshConfig.accessLogFile or a Telemetry resource, the proxies log nothing', async () => {
    await s.ok('kubectl exec "$SOURCE_POD" -c sleep -- curl -sS httpbin:8000/status/418');
    expect(await s.ok('kubectl logs -l app=sleep -c istio-proxy')).toBe('');
  });

  it("the mesh-wide Telemetry enables the envoy provider: both sides log Istio's default text format", async () => {
    await s.ok(TELEMETRY);
    await s.ok('sleep 2');
    const call = await s.run('kubectl exec "$SOURCE_POD" -c sleep -- curl -sS -v httpbin:8000/status/418');
    expect(call.stdout).toContain('-=[ teapot ]=-');
    expect(call.stderr).toContain('< server: envoy');

    const client = (await s.ok('kubectl logs -l app=sleep -c istio-proxy')).trimEnd().split('\n');
    expect(client).toHaveLength(1);
    const c = LINE.exec(client[0]!);
    expect(c, client[0]).not.toBeNull();
    const [, upstreamHost, cluster, upstreamLocal, downstreamLocal, downstreamRemote, sni] = c!;
    expect(cluster).toBe('outbound|8000||httpbin.default.svc.cluster.local');
    expect(sni).toBe('-');
    const svcIp = await s.ok("kubectl get svc httpbin -o jsonpath='{.spec.clusterIP}'");
    expect(downstreamLocal).toBe(`${svcIp}:8000`);
    const sleepIp = await s.ok("kubectl get pod -l app=sleep -o jsonpath='{.items[0].status.podIP}'");
    expect(downstreamRemote!.split(':')[0]).toBe(sleepIp);
    expect(upstreamLocal!.split(':')[0]).toBe(sleepIp);

    const server = (await s.ok('kubectl logs -l app=httpbin -c istio-proxy')).trimEnd().split('\n');
    expect(server).toHaveLength(1);
    const v = LINE.exec(server[0]!);
    expect(v, server[0]).not.toBeNull();
    const httpbinIp = await s.ok("kubectl get pod -l app=httpbin -o jsonpath='{.items[0].status.podIP}'");
    expect(v![1]).toBe(upstreamHost);
    expect(v![2]).toBe('inbound|8080||');
    expect(v![4]).toBe(`${httpbinIp}:8080`);
    // The server sees the client's upstream connection, and the SNI of Istio's mTLS.
    expect(v![5]).toBe(upstreamLocal);
    expect(v![6]).toBe('outbound_.8000_._.httpbin.default.svc.cluster.local');
    // One request, one id, on both sides.
    expect(server[0]!.split('"')[9]).toBe(client[0]!.split('"')[9]);
  });

  it('a workload Telemetry with disabled: true turns httpbin off; a CEL filter keeps only errors', async () => {
    // A quoted heredoc: the shell leaves the CEL expression's quotes alone.
    await s.ok(`kubectl apply -f - <<'EOF'
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: httpbin-off
spec:
  selector:
    matchLabels:
      app: httpbin
  accessLogging:
  - disabled: true
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: errors-only
  namespace: default
spec:
  accessLogging:
  - providers:
    - name: envoy
    filter:
      expression: response.code >= 500 || request.headers['x-log'] == 'yes'
EOF`);
    await s.ok('sleep 2');
    for (const path of ['/status/200', '/status/503', '/status/201 -H x-log:yes'])
      await s.run(`kubectl exec "$SOURCE_POD" -c sleep -- curl -s httpbin:8000${path}`);
    const client = (await s.ok('kubectl logs -l app=sleep -c istio-proxy')).trimEnd().split('\n');
    expect(client.slice(1).map((l) => / (\d{3}) /.exec(l)?.[1])).toEqual(['503', '201']);
    expect((await s.ok('kubectl logs -l app=httpbin -c istio-proxy')).trimEnd().split('\n')).toHaveLength(1);
  });

  it('meshConfig with an envoyFileAccessLog provider in JSON labels', async () => {
    await s.ok('kubectl delete telemetry httpbin-off errors-only');
    await s.ok(`cat > iop.yaml <<EOF
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  meshConfig:
    extensionProviders:
    - name: json-log
      envoyFileAccessLog:
        path: /dev/stdout
        logFormat:
          labels:
            code: "%RESPONSE_CODE%"
            path: "%REQ(:PATH)%"
            peer: "%DOWNSTREAM_PEER_URI_SAN%"
EOF`);
    await s.ok('istioctl install -f iop.yaml -y');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: mesh-default
  namespace: istio-system
spec:
  accessLogging:
  - providers:
    - name: json-log
EOF`);
    await s.ok('sleep 2');
    await s.ok('kubectl exec "$SOURCE_POD" -c sleep -- curl -s httpbin:8000/status/418');
    const last = (await s.ok('kubectl logs -l app=httpbin -c istio-proxy --tail=1')).trim();
    expect(JSON.parse(last)).toEqual({
      code: 418,
      path: '/status/418',
      peer: 'spiffe://cluster.local/ns/default/sa/sleep',
    });
  });

  it('cleanup, and the default profile again', async () => {
    await s.ok('kubectl delete telemetry -n istio-system mesh-default');
    await s.ok('kubectl delete -f samples/sleep/sleep.yaml');
    await s.ok('kubectl delete -f samples/httpbin/httpbin.yaml');
    expect(await s.ok('istioctl install --set profile=default -y')).toContain('✔ Installation complete');
  });
});

describe('a pod calling its own Service through its sidecar', () => {
  it('goes out through its outbound listener and back in through its own inbound one (200, two log lines)', async () => {
    const s = await createMeshSession({ preset: 'istio' });
    await s.ok('kubectl label namespace default istio-injection=enabled');
    await s.ok(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: selfie
spec:
  selector: {app: selfie}
  ports:
  - {name: http, port: 8000, targetPort: 8080}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: selfie
spec:
  selector: {matchLabels: {app: selfie}}
  template:
    metadata:
      labels: {app: selfie}
    spec:
      containers:
      - name: httpbin
        image: docker.io/mccutchen/go-httpbin:v2.15.0
        ports: [{containerPort: 8080}]
      - name: curl
        image: curlimages/curl
        command: ["/bin/sleep", "infinity"]
EOF`);
    await s.ok('kubectl wait --for=condition=ready pod -l app=selfie --timeout=120s');
    const code = await s.ok(
      'kubectl exec deploy/selfie -c curl -- curl -sS -o /dev/null -w "%{http_code}" selfie:8000/get',
    );
    expect(code).toBe('200');
    const log = await s.ok('kubectl logs deploy/selfie -c istio-proxy');
    expect(log).toMatch(/"GET \/get HTTP\/1\.1" 200 .* outbound\|8000\|\|selfie\.default\.svc\.cluster\.local /);
    expect(log).toMatch(
      /"GET \/get HTTP\/1\.1" 200 .* inbound\|8080\|\| .* outbound_\.8000_\._\.selfie\.default\.svc\.cluster\.local default/,
    );
    s.dispose();
  });
});
