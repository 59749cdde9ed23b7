/**
 * Validating admission webhooks (`ValidatingWebhookConfiguration`): after the mutating plugins and the schema,
 * each registered webhook sees the object of a create or update and may deny it; its warnings reach kubectl,
 * which prints them as `Warning: …`. Writes to the status subresource are not sent to them: the webhooks this
 * simulator plays (Istio's `validation.istio.io`) register for the resources themselves, never for `*\/status`.
 */
import type { KubeError, RequestSource } from './errors';
import { webhookDeniedError } from './errors';
import type { KubeObject } from './types';

export type WebhookOperation = 'CREATE' | 'UPDATE';

/** A webhook's answer, as an AdmissionReview response: allowed or not, with its message and warnings. */
export type AdmissionVerdict =
  { allowed: true; warnings?: readonly string[] } | { allowed: false; message: string; warnings?: readonly string[] };

export interface ValidatingWebhook {
  /** The webhook's name in its configuration, which the API server quotes in a denial (`validation.istio.io`). */
  readonly name: string;
  review(object: KubeObject, operation: WebhookOperation, old: KubeObject | undefined): AdmissionVerdict;
}

export type WebhookOutcome = { ok: true; warnings: string[] } | { ok: false; error: KubeError; warnings: string[] };

export class ValidatingWebhooks {
  private readonly webhooks = new Map<string, ValidatingWebhook>();

  register(webhook: ValidatingWebhook): void {
    this.webhooks.set(webhook.name, webhook);
  }

  remove(name: string): void {
    this.webhooks.delete(name);
  }

  /** Every webhook in registration order; the first denial ends the request, as the API server's does. */
  review(
    object: KubeObject,
    operation: WebhookOperation,
    old: KubeObject | undefined,
    request: RequestSource | undefined,
  ): WebhookOutcome {
    const warnings: string[] = [];
    for (const webhook of this.webhooks.values()) {
      const verdict = webhook.review(object, operation, old);
      warnings.push(...(verdict.warnings ?? []).map((w) => `Warning: ${w}`));
      if (!verdict.allowed)
        return { ok: false, error: webhookDeniedError(webhook.name, verdict.message, request), warnings };
    }
    return { ok: true, warnings };
  }
}
