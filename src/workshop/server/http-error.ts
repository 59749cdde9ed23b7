/** A refusal with its status and stable code (ApiError): routes throw it, the handler answers it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const rateLimited = () =>
  new HttpError(429, 'rate-limited', 'too many requests: wait a moment', { 'retry-after': '1' });
