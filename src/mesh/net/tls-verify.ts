import type { Certificate, DistinguishedName } from './types';

/**
 * Why a chain is not trusted, in OpenSSL 3's words (X509_verify_cert_error_string), which curl prints after
 * `SSL certificate problem: `.
 */
export type ChainProblem =
  | 'unable to get local issuer certificate'
  | 'self-signed certificate'
  | 'self-signed certificate in certificate chain'
  | 'certificate has expired'
  | 'certificate is not yet valid';

/** `CN=httpbin.org; O=Example` — how curl prints a subject or issuer (OpenSSL's XN_FLAG_SEP_SPLUS_SPC). */
export function formatDistinguishedName(name: DistinguishedName): string {
  return name.map(([attribute, value]) => `${attribute}=${value}`).join('; ');
}

export function commonName(name: DistinguishedName): string | undefined {
  return name.findLast(([attribute]) => attribute === 'CN')?.[1];
}

function sameName(a: DistinguishedName, b: DistinguishedName): boolean {
  return a.length === b.length && a.every(([attr, value], i) => b[i]?.[0] === attr && b[i]?.[1] === value);
}

/** Whether `issuer` signed `child`: the names chain, and the key matches when the child names its signer's key. */
function issued(issuer: Certificate, child: Certificate): boolean {
  if (!sameName(child.issuer, issuer.subject)) return false;
  return child.authorityKeyId === undefined || child.authorityKeyId === issuer.keyId;
}

function selfSigned(cert: Certificate): boolean {
  return issued(cert, cert);
}

/**
 * OpenSSL's chain building, reduced to what the simulation carries: walk up from the leaf through the chain
 * the server sent, stop at a trusted certificate (a trust anchor is a certificate in the store with the same
 * subject and key), and check every certificate's validity at `nowMs` (calendar time). Undefined when trusted.
 */
export function verifyChain(
  chain: readonly Certificate[],
  trusted: readonly Certificate[],
  nowMs: number,
): ChainProblem | undefined {
  const anchored = (cert: Certificate): boolean =>
    trusted.some((t) => t.keyId === cert.keyId && sameName(t.subject, cert.subject));
  const path: Certificate[] = [];
  let current = chain[0];
  while (current !== undefined && path.length <= chain.length) {
    path.push(current);
    if (anchored(current)) break;
    const cert: Certificate = current;
    const anchor = trusted.find((t) => issued(t, cert));
    if (anchor !== undefined) {
      path.push(anchor);
      break;
    }
    if (selfSigned(cert))
      return path.length === 1 ? 'self-signed certificate' : 'self-signed certificate in certificate chain';
    current = chain.find((c) => c !== cert && issued(c, cert));
    if (current === undefined) return 'unable to get local issuer certificate';
  }
  for (const cert of path) {
    if (nowMs > cert.notAfter) return 'certificate has expired';
    if (nowMs < cert.notBefore) return 'certificate is not yet valid';
  }
  return undefined;
}

/** RFC 6125 matching as OpenSSL (and Envoy's SAN matcher) does it: a wildcard covers exactly one leftmost label. */
export function nameMatches(pattern: string, hostname: string): boolean {
  const p = pattern.toLowerCase();
  const h = hostname.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot) === p.slice(1);
}

/** The name in the certificate that matches `hostname`: a SAN entry, or the CN when the certificate has no SANs. */
export function matchedName(cert: Certificate, hostname: string): string | undefined {
  if (cert.dnsNames.length > 0) return cert.dnsNames.find((n) => nameMatches(n, hostname));
  const cn = commonName(cert.subject);
  return cn !== undefined && nameMatches(cn, hostname) ? cn : undefined;
}
