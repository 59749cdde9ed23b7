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
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
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

/** The `_headers` file (Netlify / Cloudflare Pages format) that gives static hosts the same headers. */
export function headersFile() {
  const lines = Object.entries(securityHeaders).map(([name, value]) => `  ${name}: ${value}`);
  return `# Written by the build from scripts/site/headers.mjs; do not edit.\n/*\n${lines.join('\n')}\n`;
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
