import {
  runConfigReloader,
  runGrafana,
  runJaeger,
  runK8sSidecar,
  runKiali,
  runLoki,
  runOtelCollector,
  runPrometheus,
  runRatelimit,
  runZipkin,
} from './addons/addon-workloads';
import { createRedis } from './addons/addon-servers';
import { createDetails } from './bookinfo/details';
import { createProductpage } from './bookinfo/productpage';
import { createRatings } from './bookinfo/ratings';
import { createReviews } from './bookinfo/reviews';
import { createFortio } from './fortio/fortio';
import { createHelloworld } from './helloworld/helloworld';
import { createHttpbin } from './httpbin/httpbin';
import { ALPINE_BUSYBOX, DEBIAN_BASE } from './image-contents';
import { parseImageRef } from './image-ref';
import { createSleep } from './sleep';
import { createNginx } from './nginx/nginx';
import { createTcpEcho } from './tcp-echo';
import { createEnvoyImage } from './envoy-image';
import { createHttpEcho } from './http-echo';
import type { ImageSpec } from './types';

const BOOKINFO = 'docker.io/istio/examples-bookinfo';

const REVIEWS_DESCRIPTION = {
  v1: 'no ratings',
  v2: 'black star ratings',
  v3: 'red star ratings',
} as const;

/**
 * The images our samples name, and what each one runs in the simulator (`run`: the workload it starts) — the one
 * place that says what an image is. `binaries` follow each image's base (image-contents.ts): the Bookinfo images
 * build on Debian (python-slim, ruby-slim, node-slim) and Ubuntu (WebSphere Liberty), so they have bash —
 * istio.io's local rate limiting task runs `bash -c` in ratings; curlimages/curl is Alpine (busybox sh only);
 * tutum/curl, kennethreitz/httpbin and envoyproxy/envoy are Ubuntu; go-httpbin is distroless, and fortio and
 * http-echo are built from scratch, so none of those three has a shell. The add-ons build on busybox or Alpine (Prometheus, Grafana, Jaeger, ratelimit, redis), Red Hat's
 * UBI (Kiali: bash and coreutils, listed with the Debian set), distroless (Loki) or scratch (the OTel collector).
 */
export const IMAGE_CATALOG: readonly ImageSpec[] = [
  {
    repository: `${BOOKINFO}-productpage-v1`,
    family: 'bookinfo',
    run: createProductpage,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'python'],
    description: 'Bookinfo productpage (Python/Flask): renders the book page from details and reviews',
  },
  {
    repository: `${BOOKINFO}-details-v1`,
    family: 'bookinfo',
    run: createDetails,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'ruby'],
    description: 'Bookinfo details (Ruby): the book information',
  },
  ...(['v1', 'v2', 'v3'] as const).map((version): ImageSpec => ({
    repository: `${BOOKINFO}-reviews-${version}`,
    family: 'bookinfo',
    run: createReviews,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'java'],
    description: `Bookinfo reviews ${version} (Java/Liberty): ${REVIEWS_DESCRIPTION[version]}`,
  })),
  {
    repository: `${BOOKINFO}-ratings-v1`,
    family: 'bookinfo',
    run: createRatings,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'node', 'curl'],
    description: 'Bookinfo ratings (Node.js): star ratings for each review',
  },
  {
    repository: 'docker.io/mccutchen/go-httpbin',
    family: 'httpbin',
    run: (image, context) => createHttpbin(image, 'go', context),
    ports: [8080],
    binaries: ['go-httpbin'],
    description: 'go-httpbin: HTTP request & response service (the image Istio samples use today)',
  },
  {
    repository: 'docker.io/kennethreitz/httpbin',
    family: 'httpbin',
    run: (image, context) => createHttpbin(image, 'python', context),
    ports: [80],
    binaries: [...DEBIAN_BASE, 'python', 'gunicorn'],
    description: 'httpbin (Python): the original HTTP request & response service',
  },
  ...(['v1', 'v2'] as const).map((version): ImageSpec => ({
    repository: `docker.io/istio/examples-helloworld-${version}`,
    family: 'helloworld',
    run: createHelloworld,
    ports: [5000],
    binaries: [...DEBIAN_BASE, 'python', 'gunicorn'],
    description: `helloworld ${version} (Python/Flask): answers /hello with its version and pod name`,
  })),
  {
    repository: 'docker.io/fortio/fortio',
    family: 'fortio',
    run: createFortio,
    ports: [8080],
    binaries: ['fortio'],
    description: 'Fortio load testing tool: echo server on 8080 and the `fortio load` / `fortio curl` client',
  },
  {
    repository: 'docker.io/curlimages/curl',
    family: 'curl',
    run: (image, context) => createSleep(image, context, { busybox: true }),
    ports: [],
    binaries: [...ALPINE_BUSYBOX, 'curl'],
    description: 'curl image: the sleep/curl sample pods that sleep so `kubectl exec` can run curl',
  },
  {
    repository: 'docker.io/tutum/curl',
    family: 'curl',
    run: (image, context) => createSleep(image, context, { busybox: false }),
    ports: [],
    binaries: [...DEBIAN_BASE, 'curl'],
    description: 'tutum/curl (Ubuntu with curl): the sleep client of older Istio tasks such as mirroring',
  },
  {
    repository: 'docker.io/istio/tcp-echo-server',
    family: 'tcp-echo',
    run: createTcpEcho,
    ports: [9000],
    binaries: ['tcp-echo'],
    description: 'tcp-echo-server (Go, from scratch): answers each line sent on its TCP ports with a prefix',
  },
  {
    repository: 'docker.io/library/nginx',
    family: 'nginx',
    run: createNginx,
    ports: [80],
    binaries: [...DEBIAN_BASE, 'nginx'],
    description: 'nginx (Debian): serves its welcome page over HTTP, or TLS as its mounted nginx.conf says',
  },
  {
    repository: 'docker.io/envoyproxy/envoy',
    family: 'envoy',
    run: createEnvoyImage,
    ports: [],
    binaries: [...DEBIAN_BASE, 'envoy'],
    description: 'Envoy (Ubuntu) run outside Istio: `envoy -c /etc/envoy/envoy.yaml` from a static bootstrap',
  },
  {
    repository: 'docker.io/hashicorp/http-echo',
    family: 'http-echo',
    run: createHttpEcho,
    ports: [5678],
    binaries: ['http-echo'],
    description: 'hashicorp/http-echo (Go, from scratch): answers every path with its -text, on 5678',
  },
  {
    repository: 'docker.io/prom/prometheus',
    family: 'prometheus',
    run: runPrometheus,
    ports: [9090],
    binaries: [...ALPINE_BUSYBOX, 'prometheus', 'promtool'],
    description: 'Prometheus (samples/addons): scrapes metrics; answers /-/ready and /-/healthy on 9090',
  },
  {
    repository: 'ghcr.io/prometheus-operator/prometheus-config-reloader',
    family: 'prometheus',
    run: runConfigReloader,
    ports: [8080],
    binaries: [...ALPINE_BUSYBOX, 'prometheus-config-reloader'],
    description: "Prometheus' config reloader sidecar: /healthz on 8080",
  },
  {
    repository: 'docker.io/grafana/grafana',
    family: 'grafana',
    run: runGrafana,
    ports: [3000],
    binaries: [...ALPINE_BUSYBOX, 'grafana', 'grafana-server', 'grafana-cli'],
    description: 'Grafana (samples/addons): dashboards; answers /api/health on 3000',
  },
  {
    repository: 'docker.io/jaegertracing/jaeger',
    family: 'jaeger',
    run: runJaeger,
    ports: [16686, 16685, 4317, 4318, 9411, 14268, 14250, 13133],
    binaries: [...ALPINE_BUSYBOX, 'jaeger'],
    description: 'Jaeger v2 all-in-one (samples/addons): traces; query UI on 16686, /status on 13133',
  },
  {
    repository: 'quay.io/kiali/kiali',
    family: 'kiali',
    run: runKiali,
    ports: [20001, 9090],
    binaries: [...DEBIAN_BASE, 'kiali'],
    description: 'Kiali (samples/addons): the mesh graph; /kiali/healthz on 20001',
  },
  {
    repository: 'docker.io/grafana/loki',
    family: 'loki',
    run: runLoki,
    ports: [3100, 9095, 7946],
    binaries: ['loki'],
    description: 'Loki (samples/addons): log store; /ready on 3100',
  },
  {
    repository: 'docker.io/kiwigrid/k8s-sidecar',
    family: 'loki',
    run: runK8sSidecar,
    ports: [],
    binaries: [...ALPINE_BUSYBOX, 'python'],
    description: "k8s-sidecar: Loki's rules sidecar (watches ConfigMaps)",
  },
  {
    repository: 'docker.io/openzipkin/zipkin-slim',
    family: 'zipkin',
    run: runZipkin,
    ports: [9411],
    binaries: [...ALPINE_BUSYBOX, 'java'],
    description: 'Zipkin (samples/addons/extras): traces; /health on 9411',
  },
  {
    repository: 'docker.io/otel/opentelemetry-collector-contrib',
    family: 'otel-collector',
    run: runOtelCollector,
    ports: [4317, 4318, 13133],
    binaries: ['otelcol-contrib'],
    description: 'OpenTelemetry Collector (samples/open-telemetry): OTLP on 4317/4318, health on 13133',
  },
  {
    repository: 'docker.io/envoyproxy/ratelimit',
    family: 'ratelimit',
    run: runRatelimit,
    ports: [8080, 8081, 6070],
    binaries: [...ALPINE_BUSYBOX, 'ratelimit'],
    description: 'Envoy rate limit service (samples/ratelimit): /healthcheck on 8080, gRPC on 8081',
  },
  {
    repository: 'docker.io/library/redis',
    family: 'redis',
    run: createRedis,
    ports: [6379],
    binaries: [...ALPINE_BUSYBOX, 'redis-server', 'redis-cli'],
    description: "redis (samples/ratelimit): the rate limit service's counter store on 6379",
  },
];

const BY_REPOSITORY = new Map(IMAGE_CATALOG.map((spec) => [spec.repository, spec]));

/**
 * Registries that publish Istio's images under another prefix: the 1.30 samples pull from registry.istio.io,
 * older releases from gcr.io; both serve what Docker Hub's `istio/` has.
 */
const ISTIO_MIRRORS: readonly string[] = ['registry.istio.io/release/', 'gcr.io/istio-release/'];

function canonicalRepository(image: string): string {
  const { repository } = parseImageRef(image);
  const mirror = ISTIO_MIRRORS.find((prefix) => repository.startsWith(prefix));
  return mirror === undefined ? repository : `docker.io/istio/${repository.slice(mirror.length)}`;
}

/** The catalog entry for `image`, matched by repository whatever its tag, digest or Istio mirror. */
export function imageSpecFor(image: string): ImageSpec | undefined {
  return BY_REPOSITORY.get(canonicalRepository(image));
}

/**
 * Why a pull of an image outside the catalogue fails, appended to the runtime's "not found": names what the
 * simulated registry has, so a learner knows the image is not theirs to fix.
 */
export function unknownImageNote(): string {
  const families = [...new Set(IMAGE_CATALOG.map((spec) => spec.family))].join(', ');
  return `meshdojo's registry simulates only the images of Istio 1.30's samples, add-ons and task pages: ${families}`;
}

/** Whether the simulator can run `image` (any tag of a catalog repository). */
export function isKnownImage(image: string): boolean {
  return imageSpecFor(image) !== undefined;
}
