import type { Secret } from '../../xds';
import { SDS_DEFAULT, SDS_ROOT } from '../translate/names';
import type { IssuedCertificate } from './certificate-authority';

/**
 * The two SDS secrets every Istio proxy gets: `default` (its certificate chain and key) and `ROOTCA`
 * (the trust anchor that peers' certificates must chain to).
 */
export function buildSdsSecrets(cert: IssuedCertificate): Secret[] {
  return [
    {
      name: SDS_DEFAULT,
      tls_certificate: {
        certificate_chain: { inline_string: cert.certificateChainPem },
        private_key: { inline_string: cert.privateKeyPem },
      },
    },
    { name: SDS_ROOT, validation_context: { trusted_ca: { inline_string: cert.rootCertPem } } },
  ];
}
