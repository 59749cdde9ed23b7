import { type Secret, readCertificate } from '../xds/index';
import type { IdentityProvider } from './upstream/upstream-cluster';
import type { ResourceMaps } from './config/resource-store';

/** Reads workload identities out of SDS secrets (the URI SAN of the certificate). */
export class SecretStore implements IdentityProvider {
  /** @param epochMs calendar time of the mesh clock's zero, to read certificate validity */
  constructor(private readonly epochMs: number) {}

  private resources: ResourceMaps['secrets'] = new Map();
  private readonly cache = new Map<string, string | undefined>();

  update(secrets: ResourceMaps['secrets']): void {
    if (secrets === this.resources) return;
    this.resources = secrets;
    this.cache.clear();
  }

  identityFor(secretName: string): string | undefined {
    if (this.cache.has(secretName)) return this.cache.get(secretName);
    const secret = this.resources.get(secretName)?.resource as Secret | undefined;
    const pem =
      secret?.tls_certificate?.certificate_chain.inline_string ??
      secret?.tls_certificate?.certificate_chain.inline_bytes;
    const identity = pem === undefined ? undefined : readCertificate(pem, this.epochMs)?.uri;
    this.cache.set(secretName, identity);
    return identity;
  }
}
