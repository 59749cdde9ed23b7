/**
 * What `https://raw.githubusercontent.com/<path>` serves: one entry per file the istio.io pages fetch, keyed
 * by the path after the host (`istio/istio/release-1.30/security/tools/jwt/samples/jwks.json`). Add a file
 * here and every pod and the laptop can fetch it; any other path answers 404 as GitHub does.
 */
export const RAW_GITHUB_FILES: ReadonlyMap<string, string> = new Map<string, string>([]);
