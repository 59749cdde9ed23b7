/**
 * Starlight spaces list items in lesson text with a rule built on `:has()` over broad `:not()` and sibling
 * arguments (`.sl-markdown-content :is(ol, ul):has(> li > :not(a, strong, …)) > li > …`). Chromium cannot
 * narrow what such a rule depends on, so while it is on the page every DOM change restyles the whole
 * document: about 30 ms on a lab page. xterm.js changes the DOM for each glyph it measures and Monaco on
 * every keystroke, so the lab page removes that one rule before either loads; list items in the
 * instructions lose a little bottom margin, nothing else changes.
 */
const COSTLY = /:has\(\s*>\s*li\s*>/;

export function dropCostlyListRules(sheets: Iterable<CSSStyleSheet> = document.styleSheets): number {
  let dropped = 0;
  const visit = (list: CSSRuleList, owner: CSSStyleSheet | CSSGroupingRule) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const rule = list[i]!;
      if (rule instanceof CSSStyleRule && COSTLY.test(rule.selectorText)) {
        owner.deleteRule(i);
        dropped++;
      } else if (rule instanceof CSSGroupingRule) visit(rule.cssRules, rule);
    }
  };
  for (const sheet of sheets) {
    try {
      visit(sheet.cssRules, sheet);
    } catch {
      // A sheet from another origin cannot be read; ours are all same-origin.
    }
  }
  return dropped;
}
