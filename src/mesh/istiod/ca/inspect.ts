import { readCertificate, type SimCertificate } from '../../xds';
import { MESH_EPOCH_MS } from '../../sim';

/**
 * Reads the first certificate of a PEM chain into the fields a proxy and `istioctl proxy-config secret`
 * need (SPIFFE URI, serial, validity on the mesh clock, issuer); undefined when the text is not one.
 */
export function describeCertificate(pem: string, epochMs: number = MESH_EPOCH_MS): SimCertificate | undefined {
  return readCertificate(pem, epochMs);
}
