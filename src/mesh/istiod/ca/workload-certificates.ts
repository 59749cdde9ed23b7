import type { Clock, Timer } from '../../sim';
import type { Secret } from '../../xds';
import type { CertificateAuthority, IssuedCertificate } from './certificate-authority';
import { buildSdsSecrets } from './secrets';

export interface WorkloadCertificatesOptions {
  readonly ca: CertificateAuthority;
  readonly clock: Clock;
  /** A proxy got a new certificate (first issue or rotation): push it its SDS secrets. */
  readonly onIssued: (proxyId: string) => Promise<unknown>;
}

/** One proxy's certificate, the signing under way and the timer that renews it. */
interface Holder {
  cert?: IssuedCertificate;
  issuing: boolean;
  rotation?: Timer;
}

/**
 * The CA side of istiod's SDS: signs a workload certificate for each connected proxy and renews it at half
 * its lifetime (Istio's SECRET_GRACE_PERIOD_RATIO 0.5), on the clock. A proxy that disconnects is forgotten,
 * so a certificate signed for it meanwhile is dropped; when it connects again it gets a new one.
 */
export class WorkloadCertificates {
  private readonly holders = new Map<string, Holder>();
  private readonly work = new Set<Promise<void>>();

  constructor(private readonly options: WorkloadCertificatesOptions) {}

  /** Starts signing a certificate for a proxy that has none yet (nor one being signed). */
  ensure(proxyId: string, identity: string): void {
    let holder = this.holders.get(proxyId);
    if (holder === undefined) {
      holder = { issuing: false };
      this.holders.set(proxyId, holder);
    }
    if (holder.cert !== undefined || holder.issuing) return;
    holder.issuing = true;
    const issuing = holder;
    this.track(
      this.issue(proxyId, issuing, identity).then(async () => {
        issuing.issuing = false;
        if (this.holders.get(proxyId) === issuing) await this.options.onIssued(proxyId);
      }),
    );
  }

  /** The workload certificate a proxy currently holds. */
  certificate(proxyId: string): IssuedCertificate | undefined {
    return this.holders.get(proxyId)?.cert;
  }

  /** The SDS secrets (`default`, `ROOTCA`) of a proxy's current certificate. */
  secrets(proxyId: string): Secret[] | undefined {
    const cert = this.certificate(proxyId);
    return cert === undefined ? undefined : buildSdsSecrets(cert);
  }

  forget(proxyId: string): void {
    this.holders.get(proxyId)?.rotation?.cancel();
    this.holders.delete(proxyId);
  }

  /** Cancels every rotation timer. */
  stop(): void {
    for (const holder of this.holders.values()) holder.rotation?.cancel();
  }

  /**
   * Resolves once no certificate is being signed and each new one has been handed on. Signing runs on
   * WebCrypto, in host time rather than on the clock.
   */
  async settled(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  private track(p: Promise<void>): void {
    const done = p.catch(() => undefined);
    this.work.add(done);
    void done.then(() => this.work.delete(done));
  }

  /** Signs a certificate and schedules its rotation at half its lifetime. */
  private async issue(proxyId: string, holder: Holder, identity: string): Promise<void> {
    const { ca, clock } = this.options;
    const cert = await ca.sign(identity);
    if (this.holders.get(proxyId) !== holder) return;
    holder.cert = cert;
    holder.rotation?.cancel();
    const rotateAt = cert.notBefore + (cert.notAfter - cert.notBefore) / 2;
    holder.rotation = clock.setTimer(rotateAt - clock.now(), () => this.track(this.rotate(proxyId, holder, identity)));
  }

  private async rotate(proxyId: string, holder: Holder, identity: string): Promise<void> {
    await this.issue(proxyId, holder, identity);
    if (this.holders.get(proxyId) !== holder) return;
    await this.options.onIssued(proxyId);
  }
}
