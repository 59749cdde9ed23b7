import type { CaptureRules } from './types';

/** Where a connection really goes after iptables, and where it meant to go (SO_ORIGINAL_DST). */
export interface CapturedDestination {
  address: string;
  port: number;
  originalDestination?: { address: string; port: number };
}

/**
 * istio-init's OUTPUT rules: a connection leaving a captured host goes to that host's own outbound port
 * (Envoy's 15001), unless it is Envoy's own traffic (uid 1337, `bypassCapture`) or aimed at loopback.
 * Returns undefined when the connection is not captured.
 */
export function applyOutboundCapture(
  sourceAddress: string,
  rules: CaptureRules | undefined,
  destination: { address: string; port: number },
  options: { bypassCapture: boolean; loopback: boolean; toOwnAddress: boolean; boundToPassthrough: boolean },
): CapturedDestination | undefined {
  // ISTIO_OUTPUT's `-o lo ! -d 127.0.0.1 -m owner --uid-owner 1337 -j ISTIO_IN_REDIRECT`: Envoy calling its own
  // pod address (a pod calling its own Service) enters its own inbound listener, unless the connection is
  // bound to 127.0.0.6 (`-s 127.0.0.6 -o lo -j RETURN`), the inbound cluster's way to the application.
  if (options.bypassCapture && options.toOwnAddress && !options.boundToPassthrough) {
    const inbound = rules?.inboundPort;
    if (inbound === undefined || destination.port === inbound || rules?.excludePorts?.includes(destination.port))
      return undefined;
    return { address: sourceAddress, port: inbound, originalDestination: { ...destination } };
  }
  if (rules?.outboundPort === undefined || options.bypassCapture || options.loopback) return undefined;
  return { address: sourceAddress, port: rules.outboundPort, originalDestination: { ...destination } };
}

/**
 * istio-init's PREROUTING rules: a connection arriving from another host on a port that is not excluded
 * goes to the inbound port (Envoy's 15006). Traffic a host sends to itself never passes PREROUTING,
 * which is how the sidecar reaches its own application without being captured again.
 */
export function applyInboundCapture(
  rules: CaptureRules | undefined,
  destination: { address: string; port: number },
  fromSelf: boolean,
): CapturedDestination | undefined {
  const inboundPort = rules?.inboundPort;
  if (inboundPort === undefined || fromSelf) return undefined;
  if (destination.port === inboundPort || rules?.excludePorts?.includes(destination.port)) return undefined;
  return { address: destination.address, port: inboundPort, originalDestination: { ...destination } };
}
