import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectKeyIdentifierExtension,
} from '@peculiar/x509';
import { type Clock, type Random, MESH_EPOCH_MS } from '../../sim';
import { DER_TAG, ascii, contextTag, derTime, tlv, unsignedInteger } from '../../xds';
import { meshDate } from './mesh-time';

/** ECDSA P-256 with SHA-256: fast in WebCrypto, and what Istio can be configured to use. */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export const WORKLOAD_CERT_TTL_MS = 24 * 3_600_000;
export const ROOT_CERT_TTL_MS = 10 * 365 * 24 * 3_600_000;

/** A workload certificate as istiod hands it to a proxy over SDS. */
export interface IssuedCertificate {
  /** The SPIFFE URI SAN, e.g. `spiffe://cluster.local/ns/default/sa/sleep`. */
  readonly identity: string;
  /** Workload certificate followed by the root, PEM. */
  readonly certificateChainPem: string;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  readonly rootCertPem: string;
  readonly serialNumber: string;
  /** Validity on the mesh clock (ms). */
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface CertificateAuthorityOptions {
  readonly clock: Clock;
  /** Serial numbers come from here, so a seeded run issues the same serials. */
  readonly random: Random;
  readonly trustDomain?: string;
  readonly workloadCertTtlMs?: number;
  /** Calendar time of clock reading 0 (default 2026-01-01T00:00:00Z). */
  readonly epochMs?: number;
  /** Defaults to globalThis.crypto (Node 24, browsers, Workers). */
  readonly crypto?: Crypto;
}

function serialNumber(random: Random): string {
  let hex = (1 + random.int(0x7f)).toString(16).padStart(2, '0');
  for (let i = 0; i < 15; i++) hex += random.int(256).toString(16).padStart(2, '0');
  return hex;
}

/**
 * istiod's built-in CA (Citadel's successor): a self-signed root `O=<trust domain>` and workload
 * certificates whose only name is the SPIFFE URI SAN, valid 24 h. Real X.509 signed with WebCrypto, so
 * `openssl x509 -text` reads what `istioctl proxy-config secret` prints. Validity comes from the
 * virtual clock; key generation and signatures from the host's CSPRNG (they are not replayable, but nothing
 * in the simulation depends on their bytes).
 */
export class CertificateAuthority {
  private constructor(
    private readonly options: CertificateAuthorityOptions,
    private readonly keys: CryptoKeyPair,
    readonly rootCertPem: string,
    private readonly workload: WorkloadTemplate,
  ) {}

  static async create(options: CertificateAuthorityOptions): Promise<CertificateAuthority> {
    const crypto = options.crypto ?? globalThis.crypto;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const now = options.clock.now();
    const epoch = options.epochMs ?? MESH_EPOCH_MS;
    const name = organizationName(options.trustDomain ?? 'cluster.local');
    const keyId = await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto);
    const root = await signed(
      tbsCertificate({
        serial: serialNumber(options.random),
        issuer: name,
        notBefore: meshDate(now, epoch),
        notAfter: meshDate(now + ROOT_CERT_TTL_MS, epoch),
        subject: name,
        publicKey: keys.publicKey,
        extensions: [
          new KeyUsagesExtension(
            KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature,
            true,
          ),
          new BasicConstraintsExtension(true, undefined, true),
          keyId,
        ].map((extension) => new Uint8Array(extension.rawData)),
        crypto,
      }),
      keys.privateKey,
      crypto,
    );
    const workload: WorkloadTemplate = {
      issuer: name,
      extensions: [
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth]),
        new BasicConstraintsExtension(false, undefined, true),
        new AuthorityKeyIdentifierExtension(keyId.keyId, false),
      ].map((extension) => new Uint8Array(extension.rawData)),
    };
    return new CertificateAuthority(options, keys, PemConverter.encode(root.buffer, 'CERTIFICATE'), workload);
  }

  get workloadCertTtlMs(): number {
    return this.options.workloadCertTtlMs ?? WORKLOAD_CERT_TTL_MS;
  }

  /**
   * Signs a fresh key pair for `identity`, valid from now for the workload TTL. The certificate is written as DER
   * around what every workload certificate of this CA shares (made once: see WorkloadTemplate), so only the
   * serial, validity, key and SAN are encoded per certificate: X509CertificateGenerator rebuilt every extension and
   * parsed its own result back, and a cluster's boot signs one certificate per proxy.
   */
  async sign(identity: string): Promise<IssuedCertificate> {
    const crypto = this.options.crypto ?? globalThis.crypto;
    const epoch = this.options.epochMs ?? MESH_EPOCH_MS;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const notBefore = this.options.clock.now();
    const notAfter = notBefore + this.workloadCertTtlMs;
    const serial = serialNumber(this.options.random);
    const certificate = await signed(
      tbsCertificate({
        serial,
        issuer: this.workload.issuer,
        notBefore: meshDate(notBefore, epoch),
        notAfter: meshDate(notAfter, epoch),
        // Istio's workload certificates have an empty subject: the identity lives in the SAN alone.
        subject: tlv(DER_TAG.sequence),
        publicKey: keys.publicKey,
        extensions: [...this.workload.extensions, subjectAltName(identity)],
        crypto,
      }),
      this.keys.privateKey,
      crypto,
    );
    const certPem = PemConverter.encode(certificate.buffer, 'CERTIFICATE');
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
    return {
      identity,
      certificateChainPem: `${certPem}\n${this.rootCertPem}\n`,
      privateKeyPem: `${PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
      rootCertPem: `${this.rootCertPem}\n`,
      serialNumber: serial,
      notBefore,
      notAfter,
    };
  }
}

/** What every workload certificate of one CA shares, DER: its issuer and the extensions before the SAN. */
interface WorkloadTemplate {
  /** The root's subject. */
  readonly issuer: Uint8Array;
  /** Key usage, extended key usage, basic constraints and the authority key id, in Istio's order. */
  readonly extensions: readonly Uint8Array[];
}

/** A TBSCertificate (RFC 5280 4.1), v3, signed with ecdsa-with-SHA256. */
async function tbsCertificate(fields: {
  serial: string;
  issuer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  subject: Uint8Array;
  publicKey: CryptoKey;
  extensions: readonly Uint8Array[];
  crypto: Crypto;
}): Promise<Uint8Array<ArrayBuffer>> {
  return tlv(
    DER_TAG.sequence,
    V3,
    unsignedInteger(hexBytes(fields.serial)),
    ECDSA_WITH_SHA256,
    fields.issuer,
    tlv(DER_TAG.sequence, derTime(fields.notBefore), derTime(fields.notAfter)),
    fields.subject,
    new Uint8Array(await fields.crypto.subtle.exportKey('spki', fields.publicKey)),
    tlv(contextTag(3, true), tlv(DER_TAG.sequence, ...fields.extensions)),
  );
}

/** `SEQUENCE { tbs, ecdsa-with-SHA256, BIT STRING signature }`: the certificate `tbs` describes, signed with `key`. */
async function signed(tbs: Promise<Uint8Array<ArrayBuffer>>, key: CryptoKey, crypto: Crypto) {
  const bytes = await tbs;
  const signature = new Uint8Array(await crypto.subtle.sign(ALGORITHM, key, bytes));
  return tlv(
    DER_TAG.sequence,
    bytes,
    ECDSA_WITH_SHA256,
    tlv(DER_TAG.bitString, Uint8Array.of(0), ecdsaSignatureValue(signature)),
  );
}

/** `[0] EXPLICIT INTEGER 2`: an X.509 v3 certificate. */
const V3 = tlv(contextTag(0, true), tlv(DER_TAG.integer, Uint8Array.of(2)));

/** ecdsa-with-SHA256 (1.2.840.10045.4.3.2), without parameters (RFC 5758 3.2). */
const ECDSA_WITH_SHA256 = tlv(
  DER_TAG.sequence,
  tlv(DER_TAG.oid, Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02)),
);

/** The Name `O=<organization>`: a PrintableString where its characters allow, else UTF8String (as @peculiar writes it). */
function organizationName(organization: string): Uint8Array {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(organization);
  const value = printable
    ? tlv(DER_TAG.printableString, ascii(organization))
    : tlv(DER_TAG.utf8String, new TextEncoder().encode(organization));
  const organizationOid = tlv(DER_TAG.oid, Uint8Array.of(0x55, 0x04, 0x0a)); // 2.5.4.10
  return tlv(DER_TAG.sequence, tlv(DER_TAG.set, tlv(DER_TAG.sequence, organizationOid, value)));
}

/** The SAN extension naming `identity` (a SPIFFE URI), critical because the subject is empty (RFC 5280 4.2.1.6). */
function subjectAltName(identity: string): Uint8Array {
  const uri = tlv(contextTag(6, false), ascii(identity)); // GeneralName uniformResourceIdentifier [6] IA5String
  return tlv(
    DER_TAG.sequence,
    SUBJECT_ALT_NAME_OID,
    tlv(DER_TAG.boolean, Uint8Array.of(0xff)),
    tlv(DER_TAG.octetString, tlv(DER_TAG.sequence, uri)),
  );
}

/** id-ce-subjectAltName, 2.5.29.17. */
const SUBJECT_ALT_NAME_OID = tlv(DER_TAG.oid, Uint8Array.of(0x55, 0x1d, 0x11));

/** WebCrypto's ECDSA signature (r and s side by side) as X.509 carries it: `SEQUENCE { INTEGER r, INTEGER s }`. */
function ecdsaSignatureValue(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return tlv(DER_TAG.sequence, unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
