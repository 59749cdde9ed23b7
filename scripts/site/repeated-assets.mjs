// A page made of several Markdown documents (a lab's steps) gets Expressive Code's stylesheet and script once per
// document with a code block: five copies on a lab page. A module script runs once however often it is named, but
// each <link rel="stylesheet"> is another style sheet, and Chromium restyles the page and makes every @font-face
// again for each one it adds (558 faces here): removing the four copies took ~85 ms off a lab's ready time
// (npm run bench). This keeps the first of each, where it was; the copies were the same sheet later in the page.
import { fileURLToPath } from 'node:url';
import { rewriteBuiltPages } from './built-pages.mjs';

const ASSET_TAG = /<link rel="stylesheet" href="[^"]+">|<script type="module" src="[^"]+"><\/script>/g;

/** `html` with every repeat of a stylesheet link or module script tag removed (the first stays). */
export function withoutRepeatedAssets(html) {
  const seen = new Set();
  return html.replace(ASSET_TAG, (tag) => {
    if (seen.has(tag)) return '';
    seen.add(tag);
    return tag;
  });
}

export function repeatedAssetsIntegration() {
  return {
    name: 'meshdojo:repeated-assets',
    hooks: {
      'astro:build:done': async ({ dir }) => rewriteBuiltPages(fileURLToPath(dir), withoutRepeatedAssets),
    },
  };
}
