import type { Net, PeerInfo, TlsAcceptor, TlsSession } from '../../net';
import type { Clock, Random } from '../../sim';
import { wallClockOf } from '../wall-clock';
import { CLUSTER_EGRESS_ADDRESS, INTERNET_HOSTS } from './catalogue';
import { publicServerChain } from './public-ca';

/** Private (VPC) addresses leave through NAT: a site sees the cluster's egress address instead. */
function asSeenFromTheInternet(peer: PeerInfo): PeerInfo {
  const privateSource = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(peer.remoteAddress);
  return privateSource ? { ...peer, remoteAddress: CLUSTER_EGRESS_ADDRESS } : peer;
}

/**
 * A public site's TLS: whatever name the client asks for it sends its one chain (a wrong name is then the
 * client's to notice), TLS 1.3, and h2 when the client offers it.
 */
function publicTls(names: readonly string[], serial: number): TlsAcceptor {
  const certificates = publicServerChain(names, serial);
  return async (hello) => {
    const alpn = hello.alpn.includes('h2') ? 'h2' : hello.alpn.includes('http/1.1') ? 'http/1.1' : undefined;
    const session: TlsSession = {
      version: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      group: 'X25519',
      signatureScheme: 'id-ecPublicKey',
      ...(alpn !== undefined && { alpn }),
      ...(hello.serverName !== undefined && { serverName: hello.serverName }),
      certificates,
      certificateRequested: false,
    };
    return { session };
  };
}

/** Puts the catalogue's hosts on the network: their addresses, DNS names, and http and https listeners. */
export function installInternet(net: Net, clock: Clock, random: Random): void {
  const context = { clock, random, nowMs: wallClockOf(clock) };
  INTERNET_HOSTS.forEach((entry, index) => {
    const host = net.host(entry.address);
    const site = entry.site(context);
    host.listen(80, (request, peer, signal) => site(request, asSeenFromTheInternet(peer), signal, 'http'));
    host.listen(443, (request, peer, signal) => site(request, asSeenFromTheInternet(peer), signal, 'https'), {
      acceptTls: publicTls(entry.names, index + 1),
    });
    for (const name of entry.names) net.setDnsRecord(name, entry.address);
  });
}
