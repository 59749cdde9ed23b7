/**
 * The Gateway API's CRDs as its project publishes them, for the two ways istio.io's pages install them:
 * `kubectl kustomize "github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.4.0"` (add `/experimental` for the
 * experimental channel) and `kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/download/
 * v1.4.0/standard-install.yaml`. The manifests are the simulator's own, one CRD per kind it serves.
 */
import { crdManifests, type GatewayApiRelease } from '../../index';
import { toYaml } from '../format/manifests';

/** A released version tag: `v1.4.0`, `v1.3.0-rc.1`. Branches and commits are not releases. */
const RELEASE_TAG = /^v\d+\.\d+\.\d+(-rc\.\d+)?$/;

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

/** The release a ref stands for, when it is a release tag. */
export function releaseOf(ref: string, channel: GatewayApiRelease['channel']): GatewayApiRelease | undefined {
  return RELEASE_TAG.test(ref) ? { version: ref, channel } : undefined;
}

/** `https://github.com/kubernetes-sigs/gateway-api/releases/download/<tag>/<channel>-install.yaml`. */
export function releaseInstallUrl(url: string): GatewayApiRelease | undefined {
  const m =
    /^https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/([^/]+)\/(standard|experimental)-install\.yaml$/.exec(
      url,
    );
  return m === null ? undefined : releaseOf(m[1]!, m[2] as GatewayApiRelease['channel']);
}

/** The release's CRDs as one YAML stream, as kustomize prints it. */
export function crdBundleYaml(release: GatewayApiRelease): string {
  return crdManifests('gateway-api', release).map(toYaml).join('---\n');
}
