/** What a passing fault-injection check tells the learner of their own pages: how many, and how long they took. */
import type { Facts } from '../schema';
import type { Page, PageKind } from './pages';

const toSeconds = (ms: number): number => Math.round(ms / 10) / 100;

/**
 * `pages`, the slowest of them in `slowestSeconds` (delayed pages) and `slowestMs` (fast ones, where a second
 * rounds to 0), and how many were of `kind` (`<kind>Pages`).
 */
export function pageFacts(pages: readonly Page[], ...kinds: PageKind[]): Facts {
  const times = pages.map((page) => page.ms);
  const facts: Facts = { pages: pages.length };
  if (times.length > 0) {
    facts['slowestSeconds'] = toSeconds(Math.max(...times));
    facts['slowestMs'] = Math.round(Math.max(...times));
  }
  for (const kind of kinds) {
    const camel = kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    facts[`${camel}Pages`] = pages.filter((page) => page.kind === kind).length;
  }
  return facts;
}
