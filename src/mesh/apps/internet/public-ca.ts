import type { Certificate, DistinguishedName } from '../../net';
import { MESH_EPOCH_MS } from '../../sim';

/**
 * The certificate authority of the simulated internet. Real public sites are signed by real CAs whose keys we
 * do not have; ours signs every public host of the catalogue, and every image's CA bundle and the laptop's
 * trust it, so `https://httpbin.org` verifies as it would, and `-k` / `--cacert` matter as they do. Its
 * certificates are simulated ones (no keys, no PEM): the handshake carries them as data.
 */

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

const ROOT_NAME: DistinguishedName = [
  ['C', 'KR'],
  ['O', 'meshdojo simulated internet'],
  ['CN', 'meshdojo Internet Root CA'],
];
const INTERMEDIATE_NAME: DistinguishedName = [
  ['C', 'KR'],
  ['O', 'meshdojo simulated internet'],
  ['CN', 'meshdojo Internet TLS CA 1'],
];

const ROOT: Certificate = {
  subject: ROOT_NAME,
  issuer: ROOT_NAME,
  dnsNames: [],
  notBefore: MESH_EPOCH_MS - 6 * YEAR_MS,
  notAfter: MESH_EPOCH_MS + 19 * YEAR_MS,
  serialNumber: '01',
  keyId: 'meshdojo-internet-root',
  authorityKeyId: 'meshdojo-internet-root',
  isCa: true,
  publicKey: { type: 'RSA', bits: 4096 },
  signatureAlgorithm: 'sha384WithRSAEncryption',
};

const INTERMEDIATE: Certificate = {
  subject: INTERMEDIATE_NAME,
  issuer: ROOT_NAME,
  dnsNames: [],
  notBefore: MESH_EPOCH_MS - 2 * YEAR_MS,
  notAfter: MESH_EPOCH_MS + 4 * YEAR_MS,
  serialNumber: '1001',
  keyId: 'meshdojo-internet-tls-1',
  authorityKeyId: ROOT.keyId,
  isCa: true,
  publicKey: { type: 'RSA', bits: 2048 },
  signatureAlgorithm: 'sha256WithRSAEncryption',
};

/** What every simulated machine trusts: the system CA bundle of the images and of the laptop. */
export const SYSTEM_CA_BUNDLE: readonly Certificate[] = [ROOT];

/**
 * A site's chain as its server sends it (leaf, then the intermediate), valid for 90 days around the mesh's
 * epoch as a freshly renewed ACME certificate is. `serial` keeps each site's certificate its own.
 */
export function publicServerChain(names: readonly string[], serial: number): readonly Certificate[] {
  const leaf: Certificate = {
    subject: [['CN', names[0] ?? '']],
    issuer: INTERMEDIATE_NAME,
    dnsNames: names,
    notBefore: MESH_EPOCH_MS - 30 * DAY_MS,
    notAfter: MESH_EPOCH_MS + 60 * DAY_MS,
    serialNumber: (0x5a000 + serial).toString(16),
    keyId: `meshdojo-site-${serial}`,
    authorityKeyId: INTERMEDIATE.keyId,
    isCa: false,
    publicKey: { type: 'EC', bits: 256 },
    signatureAlgorithm: 'sha256WithRSAEncryption',
  };
  return [leaf, INTERMEDIATE];
}
