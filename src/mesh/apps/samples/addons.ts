/**
 * samples/addons: Prometheus, Grafana, Jaeger, Kiali and Loki for `kubectl apply -f samples/addons`, written for
 * this course with the object names, namespace, labels, ports, Service types and images of Istio 1.30's
 * manifests (the parts a learner or `istioctl dashboard` looks at). Their configuration (scrape jobs, dashboards,
 * RBAC rules) is left out: the lab does not run these servers beyond their health endpoints. Every add-on pod opts
 * out of injection, as Istio's do.
 */

interface Container {
  name: string;
  image: string;
  ports: readonly { name: string; containerPort: number }[];
  probePath: string;
  probePort: number | string;
}

/** A one-replica Deployment in istio-system whose pods carry `labels` and `sidecar.istio.io/inject: "false"`. */
function deployment(
  name: string,
  selector: Record<string, string>,
  labels: Record<string, string>,
  containers: Container[],
  serviceAccountName?: string,
): string {
  const indent = (map: Record<string, string>, spaces: number) =>
    Object.entries(map)
      .map(([k, v]) => `${' '.repeat(spaces)}${k}: "${v}"`)
      .join('\n');
  const containerYaml = containers
    .map(
      (c) => `      - name: ${c.name}
        image: "${c.image}"
        imagePullPolicy: IfNotPresent
        ports:
${c.ports.map((p) => `        - name: ${p.name}\n          containerPort: ${p.containerPort}`).join('\n')}
        readinessProbe:
          httpGet:
            path: ${c.probePath}
            port: ${c.probePort}`,
    )
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: istio-system
  labels:
${indent(labels, 4)}
spec:
  replicas: 1
  selector:
    matchLabels:
${indent(selector, 6)}
  template:
    metadata:
      labels:
${indent(labels, 8)}
        sidecar.istio.io/inject: "false"
    spec:${serviceAccountName === undefined ? '' : `\n      serviceAccountName: ${serviceAccountName}`}
      containers:
${containerYaml}
`;
}

function serviceAccount(name: string, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: istio-system
  labels:
${Object.entries(labels)
  .map(([k, v]) => `    ${k}: "${v}"`)
  .join('\n')}
`;
}

const PROMETHEUS_LABELS = {
  'app.kubernetes.io/component': 'server',
  'app.kubernetes.io/name': 'prometheus',
  'app.kubernetes.io/instance': 'prometheus',
};

const PROMETHEUS_YAML = [
  serviceAccount('prometheus', PROMETHEUS_LABELS),
  `apiVersion: v1
kind: Service
metadata:
  name: prometheus
  namespace: istio-system
  labels:
    app.kubernetes.io/name: prometheus
spec:
  type: ClusterIP
  ports:
  - name: http
    port: 9090
    protocol: TCP
    targetPort: 9090
  selector:
    app.kubernetes.io/component: server
    app.kubernetes.io/name: prometheus
    app.kubernetes.io/instance: prometheus
`,
  deployment(
    'prometheus',
    PROMETHEUS_LABELS,
    { ...PROMETHEUS_LABELS, 'app.kubernetes.io/version': 'v3.10.0' },
    [
      {
        name: 'prometheus-server-configmap-reload',
        image: 'ghcr.io/prometheus-operator/prometheus-config-reloader:v0.89.0',
        ports: [{ name: 'metrics', containerPort: 8080 }],
        probePath: '/healthz',
        probePort: 'metrics',
      },
      {
        name: 'prometheus-server',
        image: 'docker.io/prom/prometheus:v3.10.0',
        ports: [{ name: 'http', containerPort: 9090 }],
        probePath: '/-/ready',
        probePort: 9090,
      },
    ],
    'prometheus',
  ),
];

const GRAFANA_LABELS = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'grafana' };

const GRAFANA_YAML = [
  serviceAccount('grafana', GRAFANA_LABELS),
  `apiVersion: v1
kind: Service
metadata:
  name: grafana
  namespace: istio-system
  labels:
    app.kubernetes.io/name: grafana
    app.kubernetes.io/instance: grafana
spec:
  type: ClusterIP
  ports:
  - name: service
    port: 3000
    protocol: TCP
    targetPort: 3000
  selector:
    app.kubernetes.io/name: grafana
    app.kubernetes.io/instance: grafana
`,
  deployment(
    'grafana',
    GRAFANA_LABELS,
    { ...GRAFANA_LABELS, 'app.kubernetes.io/version': '12.0.1' },
    [
      {
        name: 'grafana',
        image: 'docker.io/grafana/grafana:12.0.1',
        ports: [{ name: 'grafana', containerPort: 3000 }],
        probePath: '/api/health',
        probePort: 3000,
      },
    ],
    'grafana',
  ),
];

const JAEGER_YAML = [
  deployment('jaeger', { app: 'jaeger' }, { app: 'jaeger' }, [
    {
      name: 'jaeger',
      image: 'docker.io/jaegertracing/jaeger:2.14.0',
      ports: [{ name: 'health', containerPort: 13133 }],
      probePath: '/status',
      probePort: 13133,
    },
  ]),
  `apiVersion: v1
kind: Service
metadata:
  name: tracing
  namespace: istio-system
  labels:
    app: jaeger
spec:
  type: ClusterIP
  ports:
  - name: http-query
    port: 80
    protocol: TCP
    targetPort: 16686
  - name: grpc-query
    port: 16685
    protocol: TCP
    targetPort: 16685
  selector:
    app: jaeger
`,
  `apiVersion: v1
kind: Service
metadata:
  name: zipkin
  namespace: istio-system
  labels:
    name: zipkin
spec:
  ports:
  - name: http-query
    port: 9411
    targetPort: 9411
  selector:
    app: jaeger
`,
  `apiVersion: v1
kind: Service
metadata:
  name: jaeger-collector
  namespace: istio-system
  labels:
    app: jaeger
spec:
  type: ClusterIP
  ports:
  - name: jaeger-collector-http
    port: 14268
    targetPort: 14268
    protocol: TCP
  - name: jaeger-collector-grpc
    port: 14250
    targetPort: 14250
    protocol: TCP
  - name: http-zipkin
    port: 9411
    targetPort: 9411
  - name: grpc-otel
    port: 4317
  - name: http-otel
    port: 4318
  selector:
    app: jaeger
`,
];

const KIALI_SELECTOR = { 'app.kubernetes.io/name': 'kiali', 'app.kubernetes.io/instance': 'kiali' };
const KIALI_LABELS = { app: 'kiali', ...KIALI_SELECTOR, version: 'v2.26.0', 'app.kubernetes.io/part-of': 'kiali' };

const KIALI_YAML = [
  serviceAccount('kiali', KIALI_LABELS),
  `apiVersion: v1
kind: Service
metadata:
  name: kiali
  namespace: istio-system
  labels:
    app: kiali
    app.kubernetes.io/name: kiali
    app.kubernetes.io/instance: kiali
spec:
  ports:
  - name: http
    appProtocol: http
    protocol: TCP
    port: 20001
  - name: http-metrics
    appProtocol: http
    protocol: TCP
    port: 9090
  selector:
    app.kubernetes.io/name: kiali
    app.kubernetes.io/instance: kiali
`,
  deployment(
    'kiali',
    KIALI_SELECTOR,
    KIALI_LABELS,
    [
      {
        name: 'kiali',
        image: 'quay.io/kiali/kiali:v2.26',
        ports: [
          { name: 'api-port', containerPort: 20001 },
          { name: 'http-metrics', containerPort: 9090 },
        ],
        probePath: '/kiali/healthz',
        probePort: 'api-port',
      },
    ],
    'kiali',
  ),
];

const LOKI_SELECTOR = {
  'app.kubernetes.io/name': 'loki',
  'app.kubernetes.io/instance': 'loki',
  'app.kubernetes.io/component': 'single-binary',
};

const LOKI_YAML = [
  serviceAccount('loki', { 'app.kubernetes.io/name': 'loki', 'app.kubernetes.io/instance': 'loki' }),
  `apiVersion: v1
kind: Service
metadata:
  name: loki-memberlist
  namespace: istio-system
spec:
  type: ClusterIP
  clusterIP: None
  ports:
  - name: tcp
    port: 7946
    targetPort: 7946
    protocol: TCP
  selector:
    app.kubernetes.io/name: loki
    app.kubernetes.io/instance: loki
    app.kubernetes.io/part-of: memberlist
`,
  `apiVersion: v1
kind: Service
metadata:
  name: loki-headless
  namespace: istio-system
  labels:
    variant: headless
spec:
  clusterIP: None
  ports:
  - name: http-metrics
    port: 3100
    targetPort: 3100
    protocol: TCP
  selector:
    app.kubernetes.io/name: loki
    app.kubernetes.io/instance: loki
`,
  `apiVersion: v1
kind: Service
metadata:
  name: loki
  namespace: istio-system
spec:
  type: ClusterIP
  ports:
  - name: http-metrics
    port: 3100
    targetPort: 3100
    protocol: TCP
  - name: grpc
    port: 9095
    targetPort: 9095
    protocol: TCP
  selector:
    app.kubernetes.io/name: loki
    app.kubernetes.io/instance: loki
    app.kubernetes.io/component: single-binary
`,
  // Istio's loki is a one-replica StatefulSet; the lab has no StatefulSet controller, so a Deployment of the same
  // name runs the same pod (`kubectl rollout status deployment/loki` instead of `statefulset/loki`).
  deployment(
    'loki',
    LOKI_SELECTOR,
    { ...LOKI_SELECTOR, 'app.kubernetes.io/part-of': 'memberlist' },
    [
      {
        name: 'loki',
        image: 'docker.io/grafana/loki:3.6.5',
        ports: [
          { name: 'http-metrics', containerPort: 3100 },
          { name: 'grpc', containerPort: 9095 },
          { name: 'http-memberlist', containerPort: 7946 },
        ],
        probePath: '/ready',
        probePort: 'http-metrics',
      },
    ],
    'loki',
  ),
];

const join = (documents: readonly string[]) => documents.join('---\n');

/** The files of samples/addons, by file name. */
export const ADDON_SAMPLES: Readonly<Record<string, string>> = {
  'prometheus.yaml': join(PROMETHEUS_YAML),
  'grafana.yaml': join(GRAFANA_YAML),
  'jaeger.yaml': join(JAEGER_YAML),
  'kiali.yaml': join(KIALI_YAML),
  'loki.yaml': join(LOKI_YAML),
};
