/**
 * What lab 1.4's checks do in the cluster: put the tenant guard into helloworld's chain with a config of the
 * check's own (steps 1, 2 and 4 grade the filter before the learner's EnvoyFilter exists, and on a workload the
 * learner's never selects), send requests from the sleep pod with curl, and read the sidecars' stats.
 */
import type { Shell } from '../mesh';

export const HTTPBIN = 'http://httpbin:8000/get';
export const HELLOWORLD = 'http://helloworld:5000/hello';
const GRADER_FILTER = 'grader-tenant-guard';

/** An EnvoyFilter of the check's own: the tenant guard in helloworld's inbound chain, with these tenants. */
function graderFilter(tenants: readonly string[]): string {
  return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: ${GRADER_FILTER}
spec:
  workloadSelector:
    labels:
      app: helloworld
  configPatches:
    - applyTo: HTTP_FILTER
      match:
        context: SIDECAR_INBOUND
        listener:
          filterChain:
            filter:
              name: envoy.filters.network.http_connection_manager
              subFilter:
                name: envoy.filters.http.router
      patch:
        operation: INSERT_BEFORE
        value:
          name: meshdojo.tenant_guard
          typed_config:
            '@type': type.googleapis.com/udpa.type.v1.TypedStruct
            type_url: type.googleapis.com/meshdojo.TenantGuard
            value:
              tenants: [${tenants.join(', ')}]
`;
}

async function mustRun(shell: Shell, line: string): Promise<void> {
  const result = await shell.run(line);
  if (result.exitCode !== 0) throw new Error(`\`${line.split('\n')[0]}\` exited ${result.exitCode}: ${result.stderr}`);
}

/** Runs `work` while helloworld's sidecar runs the guard for `tenants`; the check's EnvoyFilter goes afterwards. */
export async function withGuardOnHelloworld<T>(
  shell: Shell,
  tenants: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  await mustRun(shell, `kubectl apply -f - <<'EOF'\n${graderFilter(tenants)}EOF`);
  try {
    return await work();
  } finally {
    await mustRun(shell, `kubectl delete envoyfilter ${GRADER_FILTER} --ignore-not-found`);
  }
}

/** Applies one of the lab's files for the length of `work`, then deletes what it created. */
export async function withApplied<T>(shell: Shell, file: string, work: () => Promise<T>): Promise<T> {
  await mustRun(shell, `kubectl apply -f ${file}`);
  try {
    return await work();
  } finally {
    await mustRun(shell, `kubectl delete -f ${file} --ignore-not-found`);
  }
}

export interface Reply {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One request from the sleep pod, with `x-tenant` as given (the header name spelt as `headerName`). */
export async function call(shell: Shell, url: string, tenant?: string, headerName = 'x-tenant'): Promise<Reply> {
  const header = tenant === undefined ? '' : ` -H '${headerName}: ${tenant}'`;
  const out = (await shell.run(`kubectl exec deploy/sleep -- curl -s -i${header} ${url}`)).stdout;
  const split = out.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = out.slice(0, split < 0 ? out.length : split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(/^HTTP\/\S+ (\d+)/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: split < 0 ? '' : out.slice(split + 4),
  };
}

/** A reply as the learner reads it in `seen`: status, x-dojo-tenant and the first line of the body. */
export function replyText(reply: Reply): string {
  const header = reply.headers['x-dojo-tenant'];
  const firstLine = reply.body.split('\n')[0]?.slice(0, 200) ?? '';
  return `${reply.status || 'no response'}${header === undefined ? '' : `, x-dojo-tenant: ${header}`}${firstLine === '' ? '' : ` — ${firstLine}`}`;
}

/** The sum of every `<filter>.<counter>` stat of one deployment's sidecar. */
export async function filterCounter(shell: Shell, deployment: string, counter: string): Promise<number> {
  const stats = await shell.run(`kubectl exec deploy/${deployment} -c istio-proxy -- pilot-agent request GET stats`);
  const pattern = new RegExp(`^http\\.[^\\s]+\\.tenant_guard\\.${counter}: (\\d+)$`, 'gm');
  return [...stats.stdout.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
}
