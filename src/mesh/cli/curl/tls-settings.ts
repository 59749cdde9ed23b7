import { certificatesFromPem, MESH_EPOCH_MS, SYSTEM_CA_BUNDLE, type TlsClientOptions } from '../../index';
import { resolvePath, type CommandIo } from '../io';
import type { CurlOptions } from './options';
import type { CurlHost } from './transfer';
import type { TrustSource } from './verbose-tls';

/** The CA bundle every simulated machine (Alpine, Debian, the laptop) keeps where Debian does. */
const SYSTEM_CA_FILE = '/etc/ssl/certs/ca-certificates.crt';
const SYSTEM_CA_PATH = '/etc/ssl/certs';

/** The TLS library our curl reports in its messages (the curl image's and a current laptop's). */
const TLS_LIBRARY = 'OpenSSL/3.3.2';

/**
 * curl's TLS settings from its options: the trust store (the machine's bundle, or `--cacert`'s file), `-k`,
 * ALPN, the client certificate. Files are read only when a URL is https, as curl loads them for TLS alone;
 * a file that cannot be read is curl's error, returned as its text (`(77) …`).
 */
export async function tlsSettings(
  options: CurlOptions,
  io: CommandIo,
  where: CurlHost,
): Promise<{ options: TlsClientOptions; trust: TrustSource } | string> {
  const base = {
    insecure: options.insecure,
    alpn: options.http11 ? ['http/1.1'] : ['h2', 'http/1.1'],
    library: TLS_LIBRARY,
    nowMs: MESH_EPOCH_MS + where.clock.now(),
  };
  const https = options.urls.some((url) => /^https:/i.test(url.trim()));
  const read = async (file: string): Promise<string | undefined> => {
    const path = resolvePath(io.cwd, file);
    return (await io.fs.exists(path)) ? io.fs.readFile(path) : undefined;
  };
  let trusted = SYSTEM_CA_BUNDLE;
  if (https && options.cacert !== undefined) {
    const pem = await read(options.cacert);
    if (pem === undefined) return `(77) error setting certificate file: ${options.cacert}`;
    trusted = certificatesFromPem(pem);
  }
  let certificates;
  if (https && options.cert !== undefined) {
    const pem = await read(options.cert);
    const chain = pem === undefined ? [] : certificatesFromPem(pem);
    if (chain.length === 0)
      return `(58) could not load PEM client certificate from ${options.cert}, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)`;
    if (options.key !== undefined && (await read(options.key)) === undefined)
      return `(58) unable to set private key file: '${options.key}' type PEM`;
    certificates = chain;
  }
  return {
    options: { ...base, trusted, ...(certificates !== undefined && { certificates }) },
    trust: {
      caFile: options.cacert ?? SYSTEM_CA_FILE,
      caPath: SYSTEM_CA_PATH,
    },
  };
}
