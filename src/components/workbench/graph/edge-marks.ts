import type { GraphEdge } from '../../../runtime/types';
import type { IconName } from '../icons';
import { format, type LabStrings } from '../strings';

/** A piece of an edge's label: words, or a mark drawn as an icon whose meaning is `text`. */
export type LabelPart = { text: string } | { icon: IconName; text: string };

/**
 * What an edge says, in label lines: the rate with the marks for mTLS and a tripped breaker, then the
 * error share and the hosts ejected (a second line only when there are errors or ejections, so the usual
 * label stays one short line).
 */
export function edgeLabel(edge: GraphEdge, t: LabStrings): LabelPart[][] {
  const first: LabelPart[] = [{ text: format(t['lab.graph.rate'], { rate: edge.rate.toFixed(1) }) }];
  if (edge.mtls) first.push({ icon: 'lock', text: t['lab.graph.mtls'] });
  if (edge.breaker === 'tripped') first.push({ icon: 'bolt', text: t['lab.graph.breaker'] });
  const second: LabelPart[] = [];
  if (edge.errorShare > 0)
    second.push({ text: format(t['lab.graph.errors'], { share: Math.round(edge.errorShare * 100) }) });
  if (edge.ejected > 0) second.push({ icon: 'ejected', text: ejected(edge, t) }, { text: String(edge.ejected) });
  return second.length > 0 ? [first, second] : [first];
}

/** The same facts in words, for the traffic table. */
export function edgeText(edge: GraphEdge, t: LabStrings): string {
  const parts = [format(t['lab.graph.rate'], { rate: edge.rate.toFixed(1) })];
  if (edge.errorShare > 0) parts.push(format(t['lab.graph.errors'], { share: Math.round(edge.errorShare * 100) }));
  if (edge.mtls) parts.push(t['lab.graph.mtls']);
  if (edge.breaker === 'tripped') parts.push(t['lab.graph.breaker']);
  if (edge.ejected > 0) parts.push(ejected(edge, t));
  return parts.join(' · ');
}

/** The legend's words for a mark (the ejected count is shown beside the icon, so it says "hosts ejected"). */
export function markMeaning(icon: IconName, t: LabStrings): string {
  if (icon === 'lock') return t['lab.graph.mtls'];
  if (icon === 'bolt') return t['lab.graph.breaker'];
  return t['lab.graph.ejectedMark'];
}

const ejected = (edge: GraphEdge, t: LabStrings) => format(t['lab.graph.ejected'], { count: edge.ejected });
