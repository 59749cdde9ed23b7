// Response headers for every page, shared by `astro dev`, `astro preview`, our production server
// (scripts/serve.mjs) and the `_headers` file for static hosts (generated from this at build).
//
// COOP + COEP make the page cross-origin isolated, which WebContainers need. The CSP allows only this
// origin; 'unsafe-inline' stays in the header because the build adds a stricter <meta> policy with a hash
// per inline script (scripts/site/csp.mjs), and both policies must pass; dev pages have no such hashes.
// 'wasm-unsafe-eval' is for Pagefind's search index and the in-browser TypeScript compiler.
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
 * The lab sandbox's Worker compiles and runs the learner's TypeScript (the grader builds it with
 * `new Function`), so its own script — and nothing else — may evaluate code. A Worker has no DOM and
 * takes its policy from its own script's response, so this does not loosen any page.
 */
export const SANDBOX_WORKER_PATH = /^\/_astro\/sandbox-worker-[\w-]+\.js$/;
export const sandboxWorkerPolicy = contentSecurityPolicy.replace(
  "script-src 'self' 'unsafe-inline'",
  "script-src 'self' 'unsafe-eval'",
);

/** The headers for one path of the built site. */
export function headersFor(path) {
  return SANDBOX_WORKER_PATH.test(path)
    ? { ...securityHeaders, 'Content-Security-Policy': sandboxWorkerPolicy }
    : securityHeaders;
}

/**
 * `astro dev` serves every file with one set of headers, and Vite names the worker differently there, so
 * the dev policy lets scripts evaluate code (authoring only; built pages never get this).
 */
export const devHeaders = {
  ...securityHeaders,
  'Content-Security-Policy': sandboxWorkerPolicy.replace("'unsafe-eval'", "'unsafe-inline' 'unsafe-eval'"),
};

/**
 * The `_headers` file (Cloudflare Pages format) that gives static hosts the same headers. A path matching two
 * blocks gets both blocks' values of a header joined by a comma, which for a CSP means both policies apply; so
 * the sandbox Worker's block first detaches the site-wide policy (`! Content-Security-Policy`) and then sets its
 * own.
 */
export function headersFile() {
  const block = (pattern, headers, detach = []) =>
    `${pattern}\n${[
      ...detach.map((name) => `  ! ${name}`),
      ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
    ].join('\n')}\n`;
  return [
    '# Written by the build from scripts/site/headers.mjs; do not edit.',
    block('/*', securityHeaders),
    '# The lab sandbox Worker runs learner code: its own policy replaces the one above.',
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
