import { outcomeOf, type Decision, type HopRecord, type RequestRecord } from './request-record';
import { INSPECT_WORDS, type InspectLocale, type InspectWords } from './words';

/**
 * A recorded request as lines of text, in one locale: the client's request and answer, why it got that
 * answer, then each hop's decisions in order and the requests the app made while serving it, indented.
 * Pure, so the terminal and the workbench say the same words.
 */
export function explainRequest(record: RequestRecord, locale: InspectLocale): string[] {
  const lines: string[] = [];
  explainInto(record, locale, '', lines);
  return lines;
}

/** The one sentence that says why the client got its answer (what a lab's feedback may quote). */
export function requestVerdict(record: RequestRecord, locale: InspectLocale): string {
  const cause = requestCause(record);
  if (cause !== undefined) return describeDecision(cause.decision, locale);
  const last = record.hops[record.hops.length - 1];
  return INSPECT_WORDS[locale].fromApp(last?.status ?? 0);
}

/**
 * The decision that made the client's answer and the index of the hop that made it: the first hop, along the
 * path, that answered itself rather than passing on its upstream's answer. Undefined: the app's own answer.
 */
export function requestCause(record: RequestRecord): { hop: number; decision: Decision } | undefined {
  for (const [index, hop] of record.hops.entries()) {
    const decision = causeOf(hop);
    if (decision !== undefined) return { hop: index, decision };
    if (hop.details !== 'via_upstream') break;
  }
  return undefined;
}

/** One decision as a sentence, in the terms of Envoy and Istio. */
export function describeDecision(decision: Decision, locale: InspectLocale): string {
  return sentence(decision, INSPECT_WORDS[locale]);
}

function explainInto(record: RequestRecord, locale: InspectLocale, indent: string, lines: string[]): void {
  const words = INSPECT_WORDS[locale];
  const { status, flags, durationMs, done } = outcomeOf(record);
  lines.push(`${indent}${record.method} ${record.authority}${record.path}  x-request-id: ${record.requestId}`);
  lines.push(`${indent}  ${done ? words.answered(status, flags, durationMs) : words.inProgress()}`);
  if (done) lines.push(`${indent}  ${words.why()}: ${requestVerdict(record, locale)}`);
  record.hops.forEach((hop, i) => {
    lines.push(
      `${indent}  [${i + 1}] ${words.hop(hop.kind)} ${hop.proxy} — ${words.listener(hop.listener, hop.filterChain)}`,
    );
    if (hop.kind !== 'outbound') lines.push(`${indent}      ${words.mtlsFrom(hop.downstreamPeer)}`);
    for (const d of hop.decisions) lines.push(`${indent}      ${sentence(d, words)}`);
    if (hop.endMs >= hop.startMs)
      lines.push(`${indent}      ${words.answered(hop.status, hop.flags, hop.endMs - hop.startMs)}`);
  });
  if (record.children.length > 0) {
    lines.push(`${indent}  ${words.children()}`);
    for (const child of record.children) explainInto(child, locale, `${indent}    `, lines);
  }
}

/** The decision of this hop that made its answer, if the hop made it itself. */
function causeOf(hop: HopRecord): Decision | undefined {
  for (let i = hop.decisions.length - 1; i >= 0; i--) {
    const d = hop.decisions[i]!;
    switch (d.kind) {
      case 'fault-abort':
      case 'no-route':
      case 'breaker':
      case 'route-timeout':
      case 'downstream-gone':
      case 'direct-response':
        return d;
      case 'rbac':
      case 'jwt':
        if (!(d.kind === 'rbac' ? d.allowed : d.ok)) return d;
        break;
      case 'local-rate-limit':
        if (!d.allowed) return d;
        break;
      case 'endpoint':
        if (d.endpoint === undefined) return d;
        break;
      case 'cluster':
        if (!d.exists) return d;
        break;
      case 'attempt':
        if (d.end !== 'response') return d;
        break;
      default:
        break;
    }
  }
  const delay = hop.decisions.find((d) => d.kind === 'fault-delay');
  return delay;
}

function sentence(d: Decision, w: InspectWords): string {
  switch (d.kind) {
    case 'fault-delay':
      return w.faultDelay(d.delayMs);
    case 'fault-abort':
      return w.faultAbort(d.status);
    case 'rbac':
      return w.rbac(d);
    case 'jwt':
      return w.jwt(d);
    case 'local-rate-limit':
      return w.rateLimit(d);
    case 'route':
      return w.route(d);
    case 'no-route':
      return w.noRoute(d);
    case 'direct-response':
      return w.directResponse(d.status);
    case 'cluster':
      return w.cluster(d);
    case 'timeouts':
      return w.timeouts(d);
    case 'endpoint':
      return w.endpoint(d);
    case 'attempt':
      return w.attempt(d);
    case 'breaker':
      return w.breaker(d);
    case 'route-timeout':
      return w.routeTimeout(d.timeoutMs);
    case 'downstream-gone':
      return w.downstreamGone();
  }
}
