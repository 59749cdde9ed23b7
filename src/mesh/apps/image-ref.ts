// Image references read the way a container runtime reads them.
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
