/**
 * The Gateway API's CRDs as its project publishes them, for the two ways istio.io's pages install them:
 * `kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0"` (add `/experimental` for the
 * experimental channel) and `kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/download/
 * v1.4.0/standard-install.yaml`. The manifests are the simulator's own, one CRD per kind it serves.
 */
import { crdManifests, GATEWAY_API_LATEST_VERSION, type GatewayApiRelease } from '../../index';
import { toYaml } from '../format/manifests';

/** A released version tag: `v1.4.0`, `v1.3.0-rc.1`. */
const RELEASE_TAG = /^v\d+\.\d+\.\d+(-rc\.\d+)?$/;

/**
 * A full commit hash. istio.io's pages pin the CRDs to a commit of the repository when they need more than the
 * last release (`config/crd?ref=6b9b7346…`); git fetches any commit by its hash, so kustomize builds it. Which
 * release a commit stands closest to is not knowable here: it gets the newest release the simulator models.
 */
const COMMIT = /^[0-9a-f]{40}$/;

/** What a kustomize target names: the repository's CRD folder at a ref (the ref may be anything). */
export function kustomizeTarget(target: string): { ref: string; channel: GatewayApiRelease['channel'] } | undefined {
  const m =
    /^(?:https:\/\/)?github\.com\/kubernetes-sigs\/gateway-api\/\/?config\/crd(\/experimental)?\/?(?:\?(.*))?$/.exec(
      target,
    );
  if (m === null) return undefined;
  const ref = new URLSearchParams(m[2] ?? '').get('ref') ?? 'main';
  return { ref, channel: m[1] === undefined ? 'standard' : 'experimental' };
}

/** The release a ref stands for: a release tag, or a commit (see COMMIT); branches and short hashes are refused. */
export function releaseOf(ref: string, channel: GatewayApiRelease['channel']): GatewayApiRelease | undefined {
  if (RELEASE_TAG.test(ref)) return { version: ref, channel };
  return COMMIT.test(ref) ? { version: GATEWAY_API_LATEST_VERSION, channel } : undefined;
}

/** `https://github.com/kubernetes-sigs/gateway-api/releases/download/<tag>/<channel>-install.yaml`. */
export function releaseInstallUrl(url: string): GatewayApiRelease | undefined {
  const m =
    /^https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/([^/]+)\/(standard|experimental)-install\.yaml$/.exec(
      url,
    );
  // Release downloads exist for tags only.
  return m === null || !RELEASE_TAG.test(m[1]!)
    ? undefined
    : { version: m[1]!, channel: m[2] as GatewayApiRelease['channel'] };
}

/** The release's CRDs as one YAML stream, as kustomize prints it. */
export function crdBundleYaml(release: GatewayApiRelease): string {
  return crdManifests('gateway-api', release).map(toYaml).join('---\n');
}
