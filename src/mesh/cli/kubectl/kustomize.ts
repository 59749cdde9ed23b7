import { KUBECTL_ADVICE, writeAdvice } from '../advice';
import type { Subcommand } from './context';
import { crdBundleYaml, kustomizeTarget, releaseOf } from './gateway-api-release';

/**
 * `kubectl kustomize TARGET`: builds the one remote target istio.io's pages build, the Gateway API's CRDs at a
 * release tag. Any other target (a folder, another repository) is answered with what to do instead.
 */
export const kustomize: Subcommand = {
  flags: [],
  offline: true,
  run: async (k) => {
    const target = k.args[0];
    const gatewayApi = target === undefined ? undefined : kustomizeTarget(target);
    if (target === undefined || gatewayApi === undefined) {
      writeAdvice(k.io, KUBECTL_ADVICE.kustomize);
      return 1;
    }
    const release = releaseOf(gatewayApi.ref, gatewayApi.channel);
    // What kustomize reports when git cannot fetch the ref it was given.
    if (release === undefined)
      return k.fail(
        `error: accumulating resources: accumulation err='accumulating resources from '${target}': URL is a git repository': git cmd = '/usr/bin/git fetch --depth=1 origin ${gatewayApi.ref}': exit status 128`,
      );
    k.out(crdBundleYaml(release));
    return 0;
  },
};
