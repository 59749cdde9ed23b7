import {
  certificatesFromPem,
  isByteStream,
  verifyChain,
  type Certificate,
  type HttpRequest,
  type HttpResponse,
  type Listening,
  type PeerInfo,
  type TlsAcceptor,
} from '../../net';
import { respond } from '../http-server';
import { httpDate, wallClockOf } from '../wall-clock';
import type { Workload, WorkloadContext } from '../types';
import { DEFAULT_SERVER, parseNginxConfig, type NginxServer } from './nginx-config';

const VERSION = '1.27.3';

/** The welcome page the official image serves from /usr/share/nginx/html/index.html. */
const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's own error page: the status in the title, an optional reason line, and the server's name. */
function errorPage(status: number, title: string, reason?: string): string {
  const lines = ['<html>', `<head><title>${status} ${title}</title></head>`, '<body>'];
  lines.push(`<center><h1>${status} ${title}</h1></center>`);
  if (reason !== undefined) lines.push(`<center>${reason}</center>`);
  lines.push(`<hr><center>nginx/${VERSION}</center>`, '</body>', '</html>');
  return `${lines.join('\r\n')}\r\n`;
}

function pem(context: WorkloadContext, path: string | undefined): readonly Certificate[] {
  const text = path === undefined ? undefined : context.readFile?.(path);
  return text === undefined ? [] : certificatesFromPem(text);
}

/**
 * The official nginx image with the config mounted at /etc/nginx/nginx.conf (its own default otherwise): each
 * server block listens on its port, terminating TLS with its `ssl_certificate` when it says `ssl`. Under
 * `ssl_verify_client on` the handshake asks for a client certificate and nginx answers a request without one,
 * or with one that does not chain to `ssl_client_certificate`, with its 400 page; a plain HTTP request to a TLS
 * port gets the 400 nginx gives that. Every path serves the welcome page.
 */
export function createNginx(image: string, context: WorkloadContext): Workload {
  const config = context.readFile?.('/etc/nginx/nginx.conf');
  const servers = config === undefined ? [DEFAULT_SERVER] : parseNginxConfig(config);
  const now = context.wallClockMs ?? wallClockOf(context.clock);
  let listening: Listening[] = [];

  const page = (status: number, body: string): HttpResponse =>
    respond(status, body, {
      server: `nginx/${VERSION}`,
      date: httpDate(now()),
      'content-type': 'text/html',
      ...(status >= 400 && { connection: 'close' }),
    });

  const handler = (server: NginxServer, trusted: readonly Certificate[]) => {
    return (request: HttpRequest, peer: PeerInfo): Promise<HttpResponse> => {
      if (isByteStream(request)) return Promise.resolve(page(400, errorPage(400, 'Bad Request')));
      const session = peer.tlsSession;
      if (server.ssl && session === undefined)
        return Promise.resolve(
          page(400, errorPage(400, 'Bad Request', 'The plain HTTP request was sent to HTTPS port')),
        );
      const offered = session?.clientCertificates ?? [];
      if (server.verifyClient !== 'off') {
        if (offered.length === 0 && server.verifyClient === 'on')
          return Promise.resolve(page(400, errorPage(400, 'Bad Request', 'No required SSL certificate was sent')));
        if (offered.length > 0 && verifyChain(offered, trusted, now()) !== undefined)
          return Promise.resolve(page(400, errorPage(400, 'Bad Request', 'The SSL certificate error')));
      }
      return Promise.resolve(page(200, WELCOME));
    };
  };

  const tlsAcceptor = (server: NginxServer, chain: readonly Certificate[]): TlsAcceptor => {
    return (hello) => {
      const alpn = hello.alpn.includes('http/1.1') ? 'http/1.1' : undefined;
      const ask = server.verifyClient !== 'off';
      return Promise.resolve({
        session: {
          version: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          group: 'X25519',
          signatureScheme: chain[0]?.publicKey.type === 'RSA' ? 'RSASSA-PSS' : 'id-ecPublicKey',
          ...(alpn !== undefined && { alpn }),
          ...(hello.serverName !== undefined && { serverName: hello.serverName }),
          certificates: chain,
          certificateRequested: ask,
          ...(ask && hello.certificates !== undefined && { clientCertificates: hello.certificates }),
        },
      });
    };
  };

  return {
    image,
    ports: servers.map((s) => s.port),
    start() {
      if (listening.length > 0) return;
      for (const server of servers) {
        const chain = pem(context, server.certificate);
        if (server.ssl && chain.length === 0) {
          context.log(`nginx: [emerg] cannot load certificate "${server.certificate ?? ''}"`);
          continue;
        }
        const trusted = pem(context, server.clientCertificate);
        listening.push(
          context.host.listen(
            server.port,
            handler(server, trusted),
            server.ssl ? { acceptTls: tlsAcceptor(server, chain) } : {},
          ),
        );
      }
    },
    stop() {
      for (const l of listening) l.close();
      listening = [];
    },
  };
}
