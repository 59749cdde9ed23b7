import 'reflect-metadata'; // tsyringe (under @peculiar/x509) needs the Reflect metadata API
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
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
    return new CertificateAuthority(options, keys, root, root.toString('pem'));
  }

  get workloadCertTtlMs(): number {
    return this.options.workloadCertTtlMs ?? WORKLOAD_CERT_TTL_MS;
  }

  /** Signs a fresh key pair for `identity`, valid from now for the workload TTL. */
  async sign(identity: string): Promise<IssuedCertificate> {
    const crypto = this.options.crypto ?? globalThis.crypto;
    const epoch = this.options.epochMs ?? MESH_EPOCH_MS;
    const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const notBefore = this.options.clock.now();
    const notAfter = notBefore + this.workloadCertTtlMs;
    const serial = serialNumber(this.options.random);
    const cert = await X509CertificateGenerator.create(
      {
        serialNumber: serial,
        // Istio's workload certificates have an empty subject: the identity lives in the SAN alone.
        subject: '',
        issuer: this.root.subject,
        notBefore: meshDate(notBefore, epoch),
        notAfter: meshDate(notAfter, epoch),
        publicKey: keys.publicKey,
        signingKey: this.keys.privateKey,
        signingAlgorithm: ALGORITHM,
        extensions: [
          new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, true),
          new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth, ExtendedKeyUsage.clientAuth]),
          new BasicConstraintsExtension(false, undefined, true),
          await AuthorityKeyIdentifierExtension.create(this.root, false, crypto),
          new SubjectAlternativeNameExtension([{ type: 'url', value: identity }], true),
        ],
      },
      crypto,
    );
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
    return {
      identity,
      certificateChainPem: `${cert.toString('pem')}\n${this.rootCertPem}\n`,
      privateKeyPem: `${PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
      rootCertPem: `${this.rootCertPem}\n`,
      serialNumber: serial,
      notBefore,
      notAfter,
    };
  }
}
