// Starlight spaces list items in lesson text with a rule built on `:has()` over broad `:not()` and sibling
// arguments (`.sl-markdown-content :is(ol, ul):has(> li > :not(a, strong, …)) > li > …`). Chromium cannot narrow
// what such a rule depends on, so while it is on a page every DOM change restyles the whole document: ~30 ms on a
// lab page, where xterm.js changes the DOM for each glyph it measures and Monaco on every keystroke. The lab page
// used to delete it from the CSSOM at start-up, which itself made Chromium rebuild the 430 KB sheet's rules and
// its 558 @font-face rules and restyle the page (~35–70 ms of the lab's ready time, npm run bench). Now the build
// takes the rule out of the shared stylesheet and gives it back, as an inline <style> right after that sheet's
// link (in its cascade layer), to every page but the lab pages: lessons keep their list spacing, lab pages never
// have the rule (their instructions' list items lose a little bottom margin, nothing else changes).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rewriteBuiltPages } from './built-pages.mjs';

/** A selector that has `:has(> li > …)`: what makes the rule costly. */
export const COSTLY_SELECTOR = /:has\(\s*>\s*li\s*>/;

/** A page hosting the lab workbench (src/components/workbench/Workbench.astro). */
const LAB_PAGE = /\sdata-workbench[\s>=]/;

/** Index just past the string literal that starts at `start` (a quote), escapes included. */
function endOfString(css, start) {
  const quote = css[start];
  let i = start + 1;
  while (i < css.length && css[i] !== quote) i += css[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index just past the `}` that closes the block opening at `open` (a `{`). */
function endOfBlock(css, open) {
  let depth = 0;
  for (let i = open; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") i = endOfString(css, i);
    else if (c === '/' && css[i + 1] === '*') i = css.indexOf('*/', i + 2) + 2;
    else {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i + 1;
      i++;
    }
  }
  throw new Error('costly-rules: a block is not closed');
}

/**
 * `css` without its style rules whose selector matches `costly`, and those rules, each wrapped in the blocks it
 * was in (`@layer starlight.content{…}`), so that put back later it keeps its layer and media conditions.
 */
export function splitCostlyRules(css, costly = COSTLY_SELECTOR) {
  const rules = [];
  const enclosing = [];
  let kept = '';
  let copiedTo = 0;
  let prelude = 0;
  for (let i = 0; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") i = endOfString(css, i);
    else if (c === '/' && css[i + 1] === '*') i = css.indexOf('*/', i + 2) + 2;
    else if (c === '{') {
      const selector = css
        .slice(prelude, i)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .trim();
      if (!selector.startsWith('@') && costly.test(selector)) {
        const end = endOfBlock(css, i);
        const rule = `${selector}${css.slice(i, end)}`;
        rules.push(enclosing.reduceRight((inner, block) => `${block}{${inner}}`, rule));
        kept += css.slice(copiedTo, prelude);
        copiedTo = prelude = i = end;
      } else {
        enclosing.push(selector);
        prelude = ++i;
      }
    } else if (c === '}') {
      enclosing.pop();
      prelude = ++i;
    } else if (c === ';') prelude = ++i;
    else i++;
  }
  return { css: kept + css.slice(copiedTo), rules };
}

/**
 * `html` with `<style>` of the rules taken out of each stylesheet it links, right after the link; a lab page
 * comes back unchanged.
 */
export function withCostlyRulesBack(html, rulesBySheet) {
  if (LAB_PAGE.test(html)) return html;
  return html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (link, href) => {
    const rules = rulesBySheet.get(href);
    return rules === undefined ? link : `${link}<style>${rules.join('')}</style>`;
  });
}

export function costlyRulesIntegration() {
  return {
    name: 'meshdojo:costly-rules',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const rulesBySheet = new Map();
        for (const name of await readdir(join(root, '_astro'))) {
          if (!name.endsWith('.css')) continue;
          const file = join(root, '_astro', name);
          const { css, rules } = splitCostlyRules(await readFile(file, 'utf8'));
          if (rules.length === 0) continue;
          // The name keeps its hash: the same input always gives the same output, so it still names one content.
          await writeFile(file, css);
          rulesBySheet.set(`/_astro/${name}`, rules);
        }
        if (rulesBySheet.size > 0) await rewriteBuiltPages(root, (html) => withCostlyRulesBack(html, rulesBySheet));
      },
    },
  };
}
