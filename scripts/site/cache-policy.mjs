// How long a browser may keep each file of the built site (the Cache-Control header of scripts/serve.mjs).

/**
 * Everything under /_astro/ is named after a hash of its content (Vite's build output and Expressive Code's
 * styles), so a changed file has a new name: a browser may keep these for a year without asking again.
 */
export const HASHED_ASSETS = /^\/_astro\//;
/** The same paths as a static host's `_headers` pattern. */
export const HASHED_ASSETS_PATTERN = '/_astro/*';
export const KEEP_FOR_A_YEAR = 'public, max-age=31536000, immutable';

/**
 * Pages and files with fixed names (the WebContainer's shell program, Pagefind's scripts, the favicon) change
 * under the same name with every build: the browser keeps them but asks first (ETag → 304 Not Modified).
 */
export const ASK_FIRST = 'no-cache';

/** The Cache-Control header for one path of the built site. */
export function cacheControlFor(pathname) {
  return HASHED_ASSETS.test(pathname) ? KEEP_FOR_A_YEAR : ASK_FIRST;
}
