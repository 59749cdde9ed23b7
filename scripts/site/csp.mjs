// A per-page Content-Security-Policy <meta> with a hash for every inline script and style the page
// carries. Astro's own `security.csp` leaves out `is:inline` scripts, which Starlight uses (theme, search
// shortcut, sidebar restore), so the build hashes the finished HTML instead. Together with the header
// (which keeps 'unsafe-inline' for `astro dev`), only this site's own code runs.
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rewriteBuiltPages } from './built-pages.mjs';
import { SANDBOX_HOST_PAGE } from './headers.mjs';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style[^>]*>([\s\S]*?)<\/style>/g;
const DATA_SCRIPT = /type=["']?application\/(ld\+)?json/;

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy for one page: `directives`, plus script/style sources with the page's inline hashes. */
export function policyForPage(html, { directives, scriptSources, styleSources }) {
  const scripts = [...html.matchAll(INLINE_SCRIPT)].filter((m) => !DATA_SCRIPT.test(m[1])).map((m) => sha256(m[2]));
  const styles = [...html.matchAll(INLINE_STYLE)].map((m) => sha256(m[1]));
  return [
    ...directives,
    `script-src ${[...scriptSources, ...new Set(scripts)].join(' ')}`,
    `style-src-elem ${[...styleSources, ...new Set(styles)].join(' ')}`,
    // Starlight sets CSS custom properties in style attributes (`style="--depth: 1"`); hashes cannot
    // cover attributes, and they cannot run code.
    "style-src-attr 'unsafe-inline'",
  ].join('; ');
}

/** Inserts (or replaces) the CSP <meta> right after <head>, before any script could run. */
export function withPolicyMeta(html, policy) {
  const meta = `<meta http-equiv="content-security-policy" content="${policy}">`;
  const cleaned = html.replace(/<meta http-equiv="content-security-policy"[^>]*>/i, '');
  return cleaned.replace(/<head>/i, `<head>${meta}`);
}

/**
 * Astro integration: adds the policy to every built page but the sandbox Workers' frame, which has a policy of
 * its own (scripts/site/headers.mjs): this one would refuse the grader its eval.
 */
export function cspMetaIntegration(options) {
  return {
    name: 'meshdojo:csp-meta',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        await rewriteBuiltPages(root, (html, file) =>
          `/${relative(root, file).split(sep).join('/')}` === SANDBOX_HOST_PAGE
            ? html
            : withPolicyMeta(html, policyForPage(html, options)),
        );
      },
    },
  };
}
