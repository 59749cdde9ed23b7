import { certificatesFromPem, type Certificate } from '../net';
import { type Secret, readCertificate } from '../xds/index';
import type { IdentityProvider } from './upstream/upstream-cluster';
import type { ResourceMaps } from './config/resource-store';

/** A CA bundle file of the proxy container (`system`: the image's OS trust store); undefined when missing. */
export type CaBundleFile = (path: string) => readonly Certificate[] | undefined;

const FILE_ROOT = 'file-root:';

/**
 * The SDS secrets a proxy holds: workload identities (the URI SAN of a certificate) for mesh mTLS, and the
 * certificate chains and CA bundles a TLS-terminating filter chain serves and verifies with.
 */
export class SecretStore implements IdentityProvider {
  /**
   * @param epochMs calendar time of the mesh clock's zero, to read certificate validity
   * @param caBundleFile pilot-agent's file-backed SDS: the CA bundle at a path of the proxy container
   */
  constructor(
    private readonly epochMs: number,
    private readonly caBundleFile: CaBundleFile = () => undefined,
  ) {}

  private resources: ResourceMaps['secrets'] = new Map();
  private readonly identities = new Map<string, string | undefined>();
  private readonly chains = new Map<string, readonly Certificate[] | undefined>();

  update(secrets: ResourceMaps['secrets']): void {
    if (secrets === this.resources) return;
    this.resources = secrets;
    this.identities.clear();
    this.chains.clear();
  }

  identityFor(secretName: string): string | undefined {
    if (this.identities.has(secretName)) return this.identities.get(secretName);
    const pem = this.certificatePem(secretName);
    const identity = pem === undefined ? undefined : readCertificate(pem, this.epochMs)?.uri;
    this.identities.set(secretName, identity);
    return identity;
  }

  /** The chain a server presents from this secret (leaf first); undefined when the secret is not here (yet). */
  certificateChain(secretName: string): readonly Certificate[] | undefined {
    return this.parsed(`cert:${secretName}`, this.certificatePem(secretName));
  }

  /**
   * The trust anchors of a validation-context secret (`ca.crt`); undefined when the secret is not here.
   * `file-root:<path>` names no pushed secret: pilot-agent serves it from the file, read at each handshake
   * as the agent watches the file.
   */
  trustedCa(secretName: string): readonly Certificate[] | undefined {
    if (secretName.startsWith(FILE_ROOT)) return this.caBundleFile(secretName.slice(FILE_ROOT.length));
    const ca = this.secret(secretName)?.validation_context?.trusted_ca;
    return this.parsed(`ca:${secretName}`, ca?.inline_string ?? ca?.inline_bytes);
  }

  private parsed(key: string, pem: string | undefined): readonly Certificate[] | undefined {
    if (this.chains.has(key)) return this.chains.get(key);
    const certificates = pem === undefined ? undefined : certificatesFromPem(pem);
    const chain = certificates === undefined || certificates.length === 0 ? undefined : certificates;
    this.chains.set(key, chain);
    return chain;
  }

  private secret(name: string): Secret | undefined {
    return this.resources.get(name)?.resource as Secret | undefined;
  }

  private certificatePem(name: string): string | undefined {
    const chain = this.secret(name)?.tls_certificate?.certificate_chain;
    return chain?.inline_string ?? chain?.inline_bytes;
  }
}
