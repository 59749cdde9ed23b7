import type { Clock } from '../../sim';

/** Fetches a `jwksUri` and answers with the body; rejects when it cannot (DNS, TLS, HTTP status). */
export type JwksFetch = (uri: string) => Promise<string>;

/** Istio retries a JWKS it could not fetch once a minute (JwtPubKeyRefreshIntervalOnFailure). */
export const JWKS_RETRY_AFTER_FAILURE_MS = 60_000;

/** Istio's check before inlining a body: JSON whose `keys` is a list (anything else is no JWKS). */
function isJwksDocument(body: string): boolean {
  try {
    const doc: unknown = JSON.parse(body);
    return typeof doc === 'object' && doc !== null && Array.isArray((doc as { keys?: unknown }).keys);
  } catch {
    return false;
  }
}

/**
 * istiod's JwksResolver: fetches each `jwksUri` once and keeps the keys, so every push inlines them as the
 * providers' local_jwks. A URI that failed is tried again on a push at least a minute later; until then its
 * rules get a key nobody can sign for (the translation's PUBLIC_ONLY_JWKS).
 */
export class JwksResolver {
  private readonly keys = new Map<string, string>();
  private readonly failedAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly fetch: JwksFetch | undefined,
    private readonly clock: Clock,
  ) {}

  /** The keys known now, as a copy a snapshot may keep. */
  known(): ReadonlyMap<string, string> {
    return new Map(this.keys);
  }

  /** Whether `resolve(uris)` would fetch anything. */
  needsFetch(uris: readonly string[]): boolean {
    return this.fetch !== undefined && uris.some((uri) => this.due(uri));
  }

  /** Fetches the URIs not known yet (or failed long enough ago); resolves when they are done. */
  async resolve(uris: readonly string[]): Promise<void> {
    const fetch = this.fetch;
    if (fetch === undefined) return;
    await Promise.all(
      uris.map((uri) => {
        let pending = this.inFlight.get(uri);
        if (pending === undefined && this.due(uri)) {
          pending = this.fetchOne(fetch, uri).finally(() => this.inFlight.delete(uri));
          this.inFlight.set(uri, pending);
        }
        return pending;
      }),
    );
  }

  private due(uri: string): boolean {
    if (this.keys.has(uri)) return false;
    const failed = this.failedAt.get(uri);
    return failed === undefined || this.clock.now() - failed >= JWKS_RETRY_AFTER_FAILURE_MS;
  }

  private async fetchOne(fetch: JwksFetch, uri: string): Promise<void> {
    try {
      const body = await fetch(uri);
      if (!isJwksDocument(body)) throw new Error(`content fetched from jwks URI ${uri} is not a valid JWKS`);
      this.keys.set(uri, body);
      this.failedAt.delete(uri);
    } catch {
      this.failedAt.set(uri, this.clock.now());
    }
  }
}
