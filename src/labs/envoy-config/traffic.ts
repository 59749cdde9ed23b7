/**
 * Traffic for the envoy-config checks: what the lab's `client` pod sees when it curls the front-envoy Service,
 * and, when Envoy does not answer, what its pod and its log say instead.
 */
import { both } from '../grader/text';
import type { Bilingual, CheckContext } from '../schema';

/** Who answered one request: a backend by the name it prints, Envoy itself, or nobody. */
export type Answer =
  | { readonly by: 'catalog' | 'storefront' }
  | { readonly by: 'envoy'; readonly status: number; readonly body: string }
  | { readonly by: 'other'; readonly status: number; readonly body: string }
  | { readonly by: 'nobody'; readonly curlExit: number };

const BACKENDS = ['catalog', 'storefront'] as const;

function parseResponse(text: string): Answer {
  const [head = '', ...rest] = text.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').trim();
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head)?.[1] ?? 0);
  const backend = BACKENDS.find((name) => name === body);
  if (status === 200 && backend !== undefined && /^x-app-name: http-echo$/im.test(head)) return { by: backend };
  // A reply Envoy made itself (a direct_response, a 404 of no route) carries no upstream service time.
  const fromEnvoy = /^server: envoy$/im.test(head) && !/^x-envoy-upstream-service-time:/im.test(head);
  return { by: fromEnvoy ? 'envoy' : 'other', status, body };
}

/** Waits for front-envoy's rollout, then sends GET `path` from the client pod through the front-envoy Service. */
export async function ask(ctx: CheckContext, path: string): Promise<Answer> {
  const shell = await ctx.shell();
  await shell.run('kubectl rollout status deployment/front-envoy --timeout=30s');
  const result = await shell.run(`kubectl exec client -- curl -si --max-time 5 http://front-envoy${path}`);
  if (result.exitCode !== 0)
    return { by: 'nobody', curlExit: Number(/exit code (\d+)/.exec(result.stderr)?.[1] ?? result.exitCode) };
  return parseResponse(result.stdout);
}

export function describeAnswer(path: string, answer: Answer): Bilingual {
  switch (answer.by) {
    case 'catalog':
    case 'storefront':
      return both(`${path} → ${answer.by}`, `${path} → ${answer.by}`);
    case 'envoy':
      return both(`${path} → Envoy가 직접 ${answer.status}`, `${path} → Envoy itself, ${answer.status}`);
    case 'other':
      return both(
        `${path} → ${answer.status} (${answer.body.slice(0, 40)})`,
        `${path} → ${answer.status} (${answer.body.slice(0, 40)})`,
      );
    case 'nobody':
      return both(
        `${path} → 응답 없음 (curl 종료 코드 ${answer.curlExit})`,
        `${path} → no answer (curl exit code ${answer.curlExit})`,
      );
  }
}

/** Why Envoy may not be answering: its pod's status and, when it exited, the last line it printed. */
export async function envoyState(ctx: CheckContext): Promise<Bilingual> {
  const shell = await ctx.shell();
  const pods = (await shell.run('kubectl get pods -l app=front-envoy --no-headers')).stdout.trim().split('\n')[0] ?? '';
  const status = pods.split(/\s+/)[2] ?? '';
  if (status === 'Running' || status === '')
    return both(`front-envoy 파드: ${status || '없음'}`, `front-envoy pod: ${status || 'none'}`);
  const log = (await shell.run('kubectl logs deploy/front-envoy --tail 1')).stdout.trim();
  return both(
    `front-envoy 파드: ${status}, Envoy의 마지막 로그: ${log}`,
    `front-envoy pod: ${status}, Envoy's last log line: ${log}`,
  );
}
