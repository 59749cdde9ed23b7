import type { ImageSpec } from './types';

/** An image reference split the way a container runtime reads it. */
export interface ImageRef {
  /** Registry host, `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry (`library/` added for Docker Hub official images). */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** `registry/path`: what the catalog matches on, whatever the tag. */
  repository: string;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Parses `[registry/]path[:tag][@digest]` as Docker does (`nginx` → `docker.io/library/nginx`). */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  // A first component with a dot, a port or `localhost` names a registry; anything else is Docker Hub.
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first.toLowerCase() : 'docker.io';
  if (DOCKER_HUB_ALIASES.has(registry)) registry = 'docker.io';
  let path = (hasRegistry ? parts.slice(1) : parts).join('/');
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry, path, tag, digest, repository: `${registry}/${path}` };
}

const BOOKINFO = 'docker.io/istio/examples-bookinfo';

const REVIEWS_DESCRIPTION = {
  v1: 'no ratings',
  v2: 'black star ratings',
  v3: 'red star ratings',
} as const;

/**
 * The images our samples name, and what each one runs in the simulator. `binaries` follow each image's base:
 * the Bookinfo images build on Debian (python-slim, ruby-slim, node-slim) and Ubuntu (WebSphere Liberty), so
 * they have bash — istio.io's local rate limiting task runs `bash -c` in ratings; curlimages/curl is Alpine
 * (busybox sh only); tutum/curl is Ubuntu with curl added.
 */
export const IMAGE_CATALOG: readonly ImageSpec[] = [
  {
    repository: `${BOOKINFO}-productpage-v1`,
    kind: 'bookinfo-productpage',
    ports: [9080],
    binaries: ['python', 'bash', 'sh'],
    description: 'Bookinfo productpage (Python/Flask): renders the book page from details and reviews',
  },
  {
    repository: `${BOOKINFO}-details-v1`,
    kind: 'bookinfo-details',
    ports: [9080],
    binaries: ['ruby', 'bash', 'sh'],
    description: 'Bookinfo details (Ruby): the book information',
  },
  ...(['v1', 'v2', 'v3'] as const).map((version): ImageSpec => ({
    repository: `${BOOKINFO}-reviews-${version}`,
    kind: 'bookinfo-reviews',
    ports: [9080],
    binaries: ['java', 'bash', 'sh'],
    description: `Bookinfo reviews ${version} (Java/Liberty): ${REVIEWS_DESCRIPTION[version]}`,
  })),
  {
    repository: `${BOOKINFO}-ratings-v1`,
    kind: 'bookinfo-ratings',
    ports: [9080],
    binaries: ['node', 'curl', 'bash', 'sh'],
    description: 'Bookinfo ratings (Node.js): star ratings for each review',
  },
  {
    repository: 'docker.io/mccutchen/go-httpbin',
    kind: 'go-httpbin',
    ports: [8080],
    binaries: ['go-httpbin'],
    description: 'go-httpbin: HTTP request & response service (the image Istio samples use today)',
  },
  {
    repository: 'docker.io/kennethreitz/httpbin',
    kind: 'httpbin',
    ports: [80],
    binaries: ['python', 'gunicorn', 'sh'],
    description: 'httpbin (Python): the original HTTP request & response service',
  },
  {
    repository: 'docker.io/fortio/fortio',
    kind: 'fortio',
    ports: [8080],
    binaries: ['fortio'],
    description: 'Fortio load testing tool: echo server on 8080 and the `fortio load` / `fortio curl` client',
  },
  {
    repository: 'docker.io/curlimages/curl',
    kind: 'sleep',
    ports: [],
    binaries: ['curl', 'sh', 'sleep', 'hostname'],
    description: 'curl image: the sleep/curl sample pods that sleep so `kubectl exec` can run curl',
  },
  {
    repository: 'docker.io/tutum/curl',
    kind: 'sleep',
    ports: [],
    binaries: ['curl', 'bash', 'sh', 'sleep', 'hostname'],
    description: 'tutum/curl (Ubuntu with curl): the sleep client of older Istio tasks such as mirroring',
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

/** The reviews version an image bakes in (`examples-bookinfo-reviews-v2` → `v2`). */
export function reviewsVersionOf(image: string): 'v1' | 'v2' | 'v3' | undefined {
  const match = /-reviews-(v[123])$/.exec(parseImageRef(image).repository);
  return match?.[1] as 'v1' | 'v2' | 'v3' | undefined;
}
