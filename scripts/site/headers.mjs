// Response headers for every page, shared by `astro dev`, `astro preview`, our production server
// (scripts/serve.mjs) and the `_headers` file for static hosts (generated from this at build).
//
// COOP + COEP make the page cross-origin isolated, which WebContainers need. The CSP allows only this
// origin; 'unsafe-inline' stays in the header because the build adds a stricter <meta> policy with a hash
// per inline script (scripts/site/csp.mjs), and both policies must pass; dev pages have no such hashes.
// 'wasm-unsafe-eval' is for Pagefind's search index and the in-browser TypeScript compiler.
import { ASK_FIRST, HASHED_ASSETS_PATTERN, KEEP_FOR_A_YEAR } from './cache-policy.mjs';

const commonDirectives = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // WebContainers load their engine in a frame from StackBlitz; `auto` first checks it is reachable.
  "connect-src 'self' https://stackblitz.com",
  "worker-src 'self' blob:",
  "frame-src 'self' https://stackblitz.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

export const contentSecurityPolicy = [
  ...commonDirectives.slice(0, 1),
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  ...commonDirectives.slice(1),
  "frame-ancestors 'self'",
].join('; ');

/** What the build's per-page <meta> policy is made of (scripts/site/csp.mjs adds the inline hashes). */
export const buildPolicy = {
  directives: commonDirectives,
  scriptSources: ["'self'", "'wasm-unsafe-eval'"],
  styleSources: ["'self'"],
};

export const securityHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/**
 * Learner code runs only in sandbox Workers started from `public/sandbox/worker-host.html`, which a lab page
 * loads in a frame sandboxed without allow-same-origin: the frame's origin is opaque, and so is the Worker's, so
 * learner code reaches none of the course's storage. The Worker is a `data:` URL of the frame (an opaque origin
 * can start no other; public/sandbox/worker-host.js says why not a blob) and takes this policy with it: the
 * site's own scripts and `eval` (the grader compiles the
 * learner's TypeScript with `new Function`), no network at all. `sandbox` makes the page opaque even when it is
 * opened without the frame's attribute. The page also carries the directives a `<meta>` can hold
 * (`sandboxHostMetaPolicy`, a test compares), so hosts that cannot set this path's headers (and `astro dev`,
 * `astro preview`, which set one header set for every path) keep it closed to the network.
 */
export const SANDBOX_HOST_PAGE = '/sandbox/worker-host.html';
const sandboxHostDirectives = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  'worker-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
export const sandboxHostMetaPolicy = sandboxHostDirectives.join('; ');
export const sandboxHostPolicy = [...sandboxHostDirectives, "frame-ancestors 'self'", 'sandbox allow-scripts'].join(
  '; ',
);

/**
 * The sandbox Worker imports the site's scripts from its opaque origin, so they are cross-origin requests there:
 * scripts say anyone may read them (they are public files; no credentials are sent).
 */
const readableScripts = { 'Access-Control-Allow-Origin': '*' };
const isScript = (path) => /^\/(_astro|sandbox)\/[^?#]+\.m?js$/.test(path);

/**
 * The terminal's Worker is a plain Worker of the site while its cluster runs none of the learner's code
 * (src/runtime/sandbox/worker-frame.ts), and a Worker takes its policy from its own script's response: the
 * site's scripts and nothing else — no `eval` (the grader is not there), no network. (An isolated Worker imports
 * the same script, but keeps the policy of its frame.)
 */
export const SANDBOX_WORKER_PATH = /^\/_astro\/sandbox-worker-[\w-]+\.js$/;
export const sandboxWorkerPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The headers for one path of the built site.
 * @param {string} path
 * @returns {Record<string, string>}
 */
export function headersFor(path) {
  if (path === SANDBOX_HOST_PAGE) return { ...securityHeaders, 'Content-Security-Policy': sandboxHostPolicy };
  if (SANDBOX_WORKER_PATH.test(path))
    return { ...securityHeaders, ...readableScripts, 'Content-Security-Policy': sandboxWorkerPolicy };
  return isScript(path) ? { ...securityHeaders, ...readableScripts } : securityHeaders;
}

/**
 * `astro dev` and `astro preview` serve every path with one set of headers: the dev policy lets scripts
 * evaluate code (Vite's dev client; the sandbox frame, whose own `<meta>` policy still closes the network) and
 * start `data:` Workers (the sandbox frame's), and every file may be read by the sandbox Worker. Authoring only;
 * built pages never get this.
 */
export const devHeaders = {
  ...securityHeaders,
  ...readableScripts,
  'Content-Security-Policy': contentSecurityPolicy
    .replace("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'")
    .replace("worker-src 'self' blob:", "worker-src 'self' blob: data:"),
};

/**
 * The `_headers` file (Cloudflare Pages format) that gives static hosts the same headers. A path matching two
 * blocks gets both blocks' values of a header joined by a comma, which for a CSP means both policies apply; so
 * the sandbox Worker's block first detaches the site-wide policy (`! Content-Security-Policy`) and then sets its
 * own, and hashed assets detach the site-wide cache policy for theirs (scripts/site/cache-policy.mjs).
 */
export function headersFile() {
  const block = (pattern, headers, detach = []) =>
    `${pattern}\n${[
      ...detach.map((name) => `  ! ${name}`),
      ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
    ].join('\n')}\n`;
  return [
    '# Written by the build from scripts/site/headers.mjs; do not edit.',
    block('/*', { ...securityHeaders, 'Cache-Control': ASK_FIRST }),
    '# Named after a hash of their content: kept for a year (replacing the "ask first" above).',
    block(HASHED_ASSETS_PATTERN, { 'Cache-Control': KEEP_FOR_A_YEAR }, ['Cache-Control']),
    '# The sandbox Worker (an opaque origin) imports these scripts.',
    block('/_astro/*.js', readableScripts),
    block('/sandbox/*.js', readableScripts),
    '# The frame isolated sandbox Workers start from, and the terminal’s plain Worker: each policy replaces the',
    '# one above ("!" detaches that one on Cloudflare Pages; a host that sends both enforces both, which would',
    '# refuse the grader its eval and give the terminal the site’s network).',
    block(SANDBOX_HOST_PAGE, { 'Content-Security-Policy': sandboxHostPolicy }, ['Content-Security-Policy']),
    block('/_astro/sandbox-worker-*', { 'Content-Security-Policy': sandboxWorkerPolicy }, ['Content-Security-Policy']),
  ].join('\n');
}

/** Writes dist/_headers at the end of every build. */
export function headersFileIntegration() {
  return {
    name: 'meshdojo:headers-file',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(new URL('_headers', dir), headersFile());
      },
    },
  };
}
