import { statusLine, type ClientResponse, type HttpClientError } from '../../index';

/** The curl release that prints the trace: some lines came with later releases. */
export interface CurlVersion {
  major: number;
  minor: number;
}

/** `curl/8.11.1` → 8.11. */
export function versionOf(userAgent: string): CurlVersion {
  const match = /(\d+)\.(\d+)/.exec(userAgent);
  return { major: Number(match?.[1] ?? 8), minor: Number(match?.[2] ?? 0) };
}

const atLeast = (v: CurlVersion, major: number, minor: number): boolean =>
  v.major > major || (v.major === major && v.minor >= minor);

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** `HTTP/1.1 200 OK`, or over h2 `HTTP/2 200 ` (curl writes no reason phrase, keeping the space). */
export function responseStatusLine(response: ClientResponse): string {
  return response.httpVersion === '2' ? `HTTP/2 ${response.status} ` : statusLine(response.status);
}

/** Alert descriptions by name: their code, and OpenSSL's long name where it has one. */
const ALERTS: Readonly<Record<string, readonly [number, string?]>> = {
  'certificate required': [116],
  'unknown ca': [48, 'unknown CA'],
  'bad certificate': [42, 'bad certificate'],
  'certificate expired': [45, 'certificate expired'],
};

/**
 * curl -v's lines for one HTTP/1.1 transfer over plain http, as curl 8 words them: `*` for what curl does,
 * `>` for the request head it sends, `<` for the response head it receives.
 */
export class VerboseTrace {
  private text = '';

  constructor(private readonly version: CurlVersion) {}

  /** `--resolve` entries go into curl's DNS cache before the first transfer. */
  addedToCache(entry: string): void {
    this.text += `* Added ${entry.replace(/^\+/, '')} to DNS cache\n`;
  }

  /** The name lookup, then the connect attempt. A literal address needs no lookup. */
  resolved(hostname: string, port: number, address: string, fromCache: boolean): void {
    if (fromCache) this.text += `* Hostname ${hostname} was found in DNS cache\n`;
    else if (!IPV4.test(hostname))
      this.text += `* Host ${hostname}:${port} was resolved.\n* IPv6: (none)\n* IPv4: ${address}\n`;
    this.text += `*   Trying ${address}:${port}...\n`;
  }

  /** The connect, then (https) the handshake's lines, then the protocol curl speaks on the connection. */
  connected(hostname: string, address: string, port: number, tlsLines = '', h2 = false): void {
    this.text += `* Connected to ${hostname} (${address}) port ${port}\n${tlsLines}`;
    if (atLeast(this.version, 8, 10)) this.text += h2 ? '* using HTTP/2\n' : '* using HTTP/1.x\n';
  }

  /** Lines curl prints for a connection that failed in its TLS handshake (before any request). */
  handshakeFailed(hostname: string, address: string, port: number, tlsLines: string): void {
    this.text += `* Connected to ${hostname} (${address}) port ${port}\n${tlsLines}`;
  }

  /**
   * A TLS alert read after the handshake (OpenSSL's message callback: level 2, fatal, shifted onto the
   * description). OpenSSL has no long name for TLS 1.3's `certificate required`, so curl prints `unknown`.
   */
  alertReceived(version: string, alert: string): void {
    const known = ALERTS[alert];
    const name = known?.[1] ?? 'unknown';
    this.text += `* ${version} (IN), TLS alert, ${name} (${512 + (known?.[0] ?? 0)}):\n`;
  }

  request(method: string, path: string, headers: readonly (readonly [string, string])[], h2 = false): void {
    this.text += `> ${method} ${path} ${h2 ? 'HTTP/2' : 'HTTP/1.1'}\n`;
    for (const [name, value] of headers) this.text += `> ${name}: ${value}\n`;
    this.text += '> \n* Request completely sent off\n';
  }

  response(response: ClientResponse): void {
    this.text += `< ${responseStatusLine(response)}\n`;
    for (const [name, value] of Object.entries(response.headers)) {
      for (const line of value.split('\n')) this.text += `< ${name}: ${line}\n`;
    }
    this.text += '< \n';
  }

  kept(connection: number, hostname: string): void {
    this.text += `* Connection #${connection} to host ${hostname} left intact\n`;
  }

  /** curl repeats its error as a trace line, then closes the connection. */
  failed(error: HttpClientError, connection: number): void {
    this.text += `* ${error.message}\n`;
    this.text += atLeast(this.version, 8, 10)
      ? `* shutting down connection #${connection}\n`
      : '* Closing connection\n';
  }

  /** What has been traced since the last take. */
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}
