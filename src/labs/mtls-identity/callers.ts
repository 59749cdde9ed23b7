/**
 * Traffic for the mtls-identity checks: each client of the lab curls invoices from inside its own pod, as the
 * learner does with `kubectl exec`, and the answer is an HTTP status or, when the connection never carried
 * HTTP (STRICT refusing plaintext), the curl exit code.
 */
import { both } from '../grader/text';
import type { Bilingual, CheckContext } from '../schema';

export interface Client {
  readonly name: string;
  readonly namespace: string;
}

/** Sidecar clients in billing, each under its own service account. */
export const CHECKOUT: Client = { name: 'checkout', namespace: 'billing' };
export const REPORTS: Client = { name: 'reports', namespace: 'billing' };
/** No sidecar: jobs has no injection label (istio.io's `legacy`), so batch speaks plaintext. */
export const BATCH: Client = { name: 'batch', namespace: 'jobs' };

export const INVOICES_URL = 'http://invoices.billing:8000/get';

/** An HTTP status, or 0 with the exit code of a curl that got none. */
export interface Answer {
  readonly client: Client;
  readonly status: number;
  readonly curlExit: number;
}

export async function call(ctx: CheckContext, client: Client): Promise<Answer> {
  const shell = await ctx.shell();
  const result = await shell.run(
    `kubectl exec deploy/${client.name} -n ${client.namespace} -c ${client.name} -- ` +
      `curl -s -o /dev/null -w "%{http_code}" --max-time 5 ${INVOICES_URL}`,
  );
  const curlExit = result.exitCode === 0 ? 0 : Number(/exit code (\d+)/.exec(result.stderr)?.[1] ?? result.exitCode);
  return { client, status: Number(result.stdout.trim()) || 0, curlExit };
}

/** One row of the outcome matrix: `batch (jobs) → 000, curl exit 56`. */
export function describeAnswer({ client, status, curlExit }: Answer): Bilingual {
  const who = `${client.name} (${client.namespace})`;
  if (status !== 0) return both(`${who} → ${status}`, `${who} → ${status}`);
  return both(`${who} → 000, curl 종료 코드 ${curlExit}`, `${who} → 000, curl exit ${curlExit}`);
}

export function describeAnswers(answers: readonly Answer[]): Bilingual {
  const rows = answers.map(describeAnswer);
  return both(rows.map((row) => row.ko).join('; '), rows.map((row) => row.en).join('; '));
}

/** What STRICT does to a plaintext client: the server's sidecar resets the connection (curl exit 56). */
export const isReset = (answer: Answer): boolean => answer.status === 0 && answer.curlExit === 56;
