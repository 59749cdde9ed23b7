/** The directives of one `server { }` block our nginx acts on. */
export interface NginxServer {
  readonly port: number;
  readonly ssl: boolean;
  readonly certificate?: string;
  readonly clientCertificate?: string;
  /** `ssl_verify_client`: `on` requires a client certificate, `optional` checks one when sent. */
  readonly verifyClient: 'on' | 'off' | 'optional';
}

/** What the image serves without a config of its own (its default.conf): plain HTTP on port 80. */
export const DEFAULT_SERVER: NginxServer = { port: 80, ssl: false, verifyClient: 'off' };

function statements(block: string): string[][] {
  return block
    .replace(/#[^\n]*/g, '')
    .split(';')
    .map((s) => s.trim().split(/\s+/))
    .filter((words) => words[0] !== '');
}

/**
 * The `server` blocks of an nginx.conf, read far enough to listen and to set up TLS: `listen <port> [ssl]`,
 * `ssl_certificate`, `ssl_client_certificate` and `ssl_verify_client`. Everything else (logs, root, index) is
 * what the image does by default. A config without server blocks serves nothing.
 */
export function parseNginxConfig(text: string): NginxServer[] {
  const servers: NginxServer[] = [];
  for (const match of text.matchAll(/\bserver\s*\{([^{}]*)\}/g)) {
    let port = 80;
    let ssl = false;
    let certificate: string | undefined;
    let clientCertificate: string | undefined;
    let verifyClient: NginxServer['verifyClient'] = 'off';
    for (const [name, ...args] of statements(match[1] ?? '')) {
      if (name === 'listen') {
        port = Number(args[0]?.split(':').pop() ?? 80);
        ssl = args.includes('ssl');
      } else if (name === 'ssl_certificate') certificate = args[0];
      else if (name === 'ssl_client_certificate') clientCertificate = args[0];
      else if (name === 'ssl_verify_client' && (args[0] === 'on' || args[0] === 'optional')) verifyClient = args[0];
    }
    servers.push({
      port,
      ssl,
      verifyClient,
      ...(certificate !== undefined && { certificate }),
      ...(clientCertificate !== undefined && { clientCertificate }),
    });
  }
  return servers;
}
