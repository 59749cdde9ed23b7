import { SAMPLE_DEMO_JWT, SAMPLE_GROUPS_SCOPE_JWT, SAMPLE_JWKS } from './jwt-samples';

/** The branches istio.io's pages link to: each release's docs name its own (`{{< github_file >}}`). */
const ISTIO_BRANCHES = ['master', ...Array.from({ length: 30 - 4 + 1 }, (_, i) => `release-1.${i + 4}`)];

/** Files of istio/istio that every one of those branches holds alike. */
const ISTIO_FILES: ReadonlyArray<readonly [string, string]> = [
  ['security/tools/jwt/samples/jwks.json', SAMPLE_JWKS],
  ['security/tools/jwt/samples/demo.jwt', SAMPLE_DEMO_JWT],
  ['security/tools/jwt/samples/groups-scope.jwt', SAMPLE_GROUPS_SCOPE_JWT],
];

/**
 * What `https://raw.githubusercontent.com/<path>` serves: one entry per file the istio.io pages fetch, keyed
 * by the path after the host (`istio/istio/release-1.30/security/tools/jwt/samples/jwks.json`). Add a file
 * here and every pod and the laptop can fetch it; any other path answers 404 as GitHub does.
 */
export const RAW_GITHUB_FILES: ReadonlyMap<string, string> = new Map<string, string>(
  ISTIO_BRANCHES.flatMap((branch) =>
    ISTIO_FILES.map(([path, content]) => [`istio/istio/${branch}/${path}`, content] as const),
  ),
);
