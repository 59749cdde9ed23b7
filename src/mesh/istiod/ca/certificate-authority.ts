import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn from '@peculiar/asn1-x509';
import {
  AsnEcSignatureFormatter,
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
  type X509Certificate,
} from '@peculiar/x509';
import { type Clock, type Random, MESH_EPOCH_MS } from '../../sim';
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
    readonly root: X509Certificate,
    readonly rootCertPem: string,
    private readonly workload: WorkloadTemplate,
  ) {}

  static async create(options: CertificateAuthorityOptions): Promise<CertificateAuthority> {
    const crypto = options.crypto ?? globalThis.crypto;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const now = options.clock.now();
    const epoch = options.epochMs ?? MESH_EPOCH_MS;
    const root = await X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: serialNumber(options.random),
        name: `O=${options.trustDomain ?? 'cluster.local'}`,
        notBefore: meshDate(now, epoch),
        notAfter: meshDate(now + ROOT_CERT_TTL_MS, epoch),
        keys,
        signingAlgorithm: ALGORITHM,
        extensions: [
          new KeyUsagesExtension(
            KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature,
            true,
          ),
          new BasicConstraintsExtension(true, undefined, true),
          await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    return new CertificateAuthority(options, keys, root, root.toString('pem'), await workloadTemplate(root, crypto));
  }

  get workloadCertTtlMs(): number {
    return this.options.workloadCertTtlMs ?? WORKLOAD_CERT_TTL_MS;
  }

  /**
   * Signs a fresh key pair for `identity`, valid from now for the workload TTL. The certificate is assembled from
   * @peculiar/asn1-x509's structures, with everything but the serial, validity, key and SAN made once per CA:
   * X509CertificateGenerator rebuilds every extension and parses its own result back, which was most of the cost
   * of signing, and a cluster's boot signs one certificate per proxy.
   */
  async sign(identity: string): Promise<IssuedCertificate> {
    const crypto = this.options.crypto ?? globalThis.crypto;
    const epoch = this.options.epochMs ?? MESH_EPOCH_MS;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const notBefore = this.options.clock.now();
    const notAfter = notBefore + this.workloadCertTtlMs;
    const serial = serialNumber(this.options.random);
    const { issuer, signatureAlgorithm, extensions } = this.workload;
    const tbsCertificate = new asn.TBSCertificate({
      version: asn.Version.v3,
      serialNumber: hexBytes(serial),
      signature: signatureAlgorithm,
      issuer,
      validity: new asn.Validity({ notBefore: meshDate(notBefore, epoch), notAfter: meshDate(notAfter, epoch) }),
      // Istio's workload certificates have an empty subject: the identity lives in the SAN alone.
      subject: new asn.Name(),
      subjectPublicKeyInfo: AsnConvert.parse(
        await crypto.subtle.exportKey('spki', keys.publicKey),
        asn.SubjectPublicKeyInfo,
      ),
      extensions: new asn.Extensions([...extensions, subjectAltName(identity)]),
    });
    const signature = await crypto.subtle.sign(ALGORITHM, this.keys.privateKey, AsnConvert.serialize(tbsCertificate));
    const certificate = new asn.Certificate({
      tbsCertificate,
      signatureAlgorithm,
      signatureValue: new AsnEcSignatureFormatter().toAsnSignature(ALGORITHM, signature)!,
    });
    const certPem = PemConverter.encode(AsnConvert.serialize(certificate), 'CERTIFICATE');
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

/** What every workload certificate of one CA shares: its issuer, signature algorithm and fixed extensions. */
interface WorkloadTemplate {
  readonly issuer: asn.Name;
  readonly signatureAlgorithm: asn.AlgorithmIdentifier;
  /** Key usage, extended key usage, basic constraints and the authority key id, in Istio's order. */
  readonly extensions: readonly asn.Extension[];
}

async function workloadTemplate(root: X509Certificate, crypto: Crypto): Promise<WorkloadTemplate> {
  const rootAsn = AsnConvert.parse(root.rawData, asn.Certificate);
  const fixed = [
    new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, true),
    new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth]),
    new BasicConstraintsExtension(false, undefined, true),
    await AuthorityKeyIdentifierExtension.create(root, false, crypto),
  ];
  return {
    issuer: rootAsn.tbsCertificate.subject,
    signatureAlgorithm: rootAsn.signatureAlgorithm,
    extensions: fixed.map((extension) => AsnConvert.parse(extension.rawData, asn.Extension)),
  };
}

/** The SAN extension naming `identity` (a SPIFFE URI), critical because the subject is empty (RFC 5280 4.2.1.6). */
function subjectAltName(identity: string): asn.Extension {
  const names = new asn.SubjectAlternativeName([new asn.GeneralName({ uniformResourceIdentifier: identity })]);
  return new asn.Extension({
    extnID: asn.id_ce_subjectAltName,
    critical: true,
    extnValue: new OctetString(AsnConvert.serialize(names)),
  });
}

function hexBytes(hex: string): ArrayBuffer {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes.buffer;
}
