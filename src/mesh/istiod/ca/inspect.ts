import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import type { SimCertificate } from '../../xds';
import { MESH_EPOCH_MS } from './mesh-time';

/**
 * Reads the first certificate of a PEM chain (synchronously) into the fields a proxy and
 * `istioctl proxy-config secret` need: SPIFFE URI, serial, validity on the mesh clock, issuer. Undefined
 * when the text is not a certificate. Same shape as xds's SimCertificate, so a proxy can swap decoders.
 */
export function describeCertificate(pem: string, epochMs: number = MESH_EPOCH_MS): SimCertificate | undefined {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (m === null) return undefined;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(m[0]);
  } catch {
    return undefined;
  }
  const uri =
    cert.getExtension(SubjectAlternativeNameExtension)?.names.items.find((n) => n.type === 'url')?.value ?? '';
  return {
    uri,
    serial: cert.serialNumber,
    notBefore: cert.notBefore.getTime() - epochMs,
    notAfter: cert.notAfter.getTime() - epochMs,
    issuer: cert.issuer,
  };
}
