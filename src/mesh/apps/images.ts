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
import { createTcpEcho } from './tcp-echo';
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
 * tutum/curl and kennethreitz/httpbin are Ubuntu; go-httpbin is distroless and fortio is built from scratch, so
 * neither has a shell.
 */
export const IMAGE_CATALOG: readonly ImageSpec[] = [
  {
    repository: `${BOOKINFO}-productpage-v1`,
    run: createProductpage,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'python'],
    description: 'Bookinfo productpage (Python/Flask): renders the book page from details and reviews',
  },
  {
    repository: `${BOOKINFO}-details-v1`,
    run: createDetails,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'ruby'],
    description: 'Bookinfo details (Ruby): the book information',
  },
  ...(['v1', 'v2', 'v3'] as const).map((version): ImageSpec => ({
    repository: `${BOOKINFO}-reviews-${version}`,
    run: createReviews,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'java'],
    description: `Bookinfo reviews ${version} (Java/Liberty): ${REVIEWS_DESCRIPTION[version]}`,
  })),
  {
    repository: `${BOOKINFO}-ratings-v1`,
    run: createRatings,
    ports: [9080],
    binaries: [...DEBIAN_BASE, 'node', 'curl'],
    description: 'Bookinfo ratings (Node.js): star ratings for each review',
  },
  {
    repository: 'docker.io/mccutchen/go-httpbin',
    run: (image, context) => createHttpbin(image, 'go', context),
    ports: [8080],
    binaries: ['go-httpbin'],
    description: 'go-httpbin: HTTP request & response service (the image Istio samples use today)',
  },
  {
    repository: 'docker.io/kennethreitz/httpbin',
    run: (image, context) => createHttpbin(image, 'python', context),
    ports: [80],
    binaries: [...DEBIAN_BASE, 'python', 'gunicorn'],
    description: 'httpbin (Python): the original HTTP request & response service',
  },
  ...(['v1', 'v2'] as const).map((version): ImageSpec => ({
    repository: `docker.io/istio/examples-helloworld-${version}`,
    run: createHelloworld,
    ports: [5000],
    binaries: [...DEBIAN_BASE, 'python', 'gunicorn'],
    description: `helloworld ${version} (Python/Flask): answers /hello with its version and pod name`,
  })),
  {
    repository: 'docker.io/fortio/fortio',
    run: createFortio,
    ports: [8080],
    binaries: ['fortio'],
    description: 'Fortio load testing tool: echo server on 8080 and the `fortio load` / `fortio curl` client',
  },
  {
    repository: 'docker.io/curlimages/curl',
    run: (image, context) => createSleep(image, context, { busybox: true }),
    ports: [],
    binaries: [...ALPINE_BUSYBOX, 'curl'],
    description: 'curl image: the sleep/curl sample pods that sleep so `kubectl exec` can run curl',
  },
  {
    repository: 'docker.io/tutum/curl',
    run: (image, context) => createSleep(image, context, { busybox: false }),
    ports: [],
    binaries: [...DEBIAN_BASE, 'curl'],
    description: 'tutum/curl (Ubuntu with curl): the sleep client of older Istio tasks such as mirroring',
  },
  {
    repository: 'docker.io/istio/tcp-echo-server',
    run: createTcpEcho,
    ports: [9000],
    binaries: ['tcp-echo'],
    description: 'tcp-echo-server (Go, from scratch): answers each line sent on its TCP ports with a prefix',
  },
];

const BY_REPOSITORY = new Map(IMAGE_CATALOG.map((spec) => [spec.repository, spec]));

/** The catalog entry for `image`, matched by repository whatever its tag or digest. */
export function imageSpecFor(image: string): ImageSpec | undefined {
  return BY_REPOSITORY.get(parseImageRef(image).repository);
}

/** Whether the simulator can run `image` (any tag of a catalog repository). */
export function isKnownImage(image: string): boolean {
  return imageSpecFor(image) !== undefined;
}
