import { createAddonServer, ok, okJson } from './addon-servers';

/**
 * The add-ons of Istio's samples/addons and the rate limit sample, each with the ports its manifest exposes and
 * the health paths its probes (or a learner's curl) reach, answering as the real server does.
 */
export const runPrometheus = createAddonServer({
  ports: [9090],
  paths: { '/-/ready': ok('Prometheus Server is Ready.\n'), '/-/healthy': ok('Prometheus Server is Healthy.\n') },
  startLine: 'level=INFO source=main.go msg="Server is ready to receive web requests."',
});

export const runConfigReloader = createAddonServer({
  ports: [8080],
  paths: { '/healthz': ok('OK') },
  startLine: 'level=info msg="Starting prometheus-config-reloader"',
});

export const runGrafana = createAddonServer({
  ports: [3000],
  paths: { '/api/health': okJson({ database: 'ok' }) },
  startLine: 'logger=http.server msg="HTTP Server Listen" address=[::]:3000 protocol=http',
});

export const runJaeger = createAddonServer({
  // query UI/API, OTLP gRPC and HTTP, Zipkin, the Jaeger collector, and the health_check extension.
  ports: [16686, 16685, 4317, 4318, 9411, 14268, 14250, 13133],
  paths: { '/status': okJson({ status: 'Server available' }) },
  startLine: 'info\thealthcheck/handler.go\tHealth Check state change\t{"status": "ready"}',
});

export const runKiali = createAddonServer({
  ports: [20001, 9090],
  paths: { '/kiali/healthz': ok('') },
  startLine: 'INF Server endpoint will start at [:20001/kiali]',
});

export const runLoki = createAddonServer({
  ports: [3100, 9095, 7946],
  paths: { '/ready': ok('ready\n') },
  startLine: 'level=info msg="Loki started"',
});

/** Loki's rules sidecar watches ConfigMaps and serves nothing. */
export const runK8sSidecar = createAddonServer({
  ports: [],
  paths: {},
  startLine: '{"level": "INFO", "msg": "Starting collector"}',
});

export const runZipkin = createAddonServer({
  ports: [9411],
  paths: { '/health': okJson({ status: 'UP', zipkin: { status: 'UP' } }) },
  startLine: 'Started ZipkinServer',
});

export const runOtelCollector = createAddonServer({
  ports: [4317, 4318, 13133],
  paths: { '/': okJson({ status: 'Server available' }) },
  startLine: 'info\tservice/service.go\tEverything is ready. Begin running and processing data.',
});

/** envoyproxy/ratelimit: HTTP on 8080 (/healthcheck), gRPC on 8081, debug on 6070. */
export const runRatelimit = createAddonServer({
  ports: [8080, 8081, 6070],
  paths: { '/healthcheck': ok('OK') },
  startLine: 'msg="Listening for HTTP on \':8080\'"',
});
