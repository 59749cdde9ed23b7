import type { Labels } from './istio-api';

/** A workload selector matches when every selector label is present with the same value; none matches all. */
export function selectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  if (selector === undefined) return true;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** An empty (but present) selector is "no selector" in Istio's policy scoping. */
export function hasSelector(selector: Labels | undefined): selector is Labels {
  return selector !== undefined && Object.keys(selector).length > 0;
}
