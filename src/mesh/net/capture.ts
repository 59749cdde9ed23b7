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
  options: { bypassCapture: boolean; loopback: boolean },
): CapturedDestination | undefined {
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
