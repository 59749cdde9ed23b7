// Lint rules that keep the architecture true (see docs/architecture.md): import arrows point down only,
// and nothing in the mesh reads the wall clock or unseeded randomness outside sim/ and the Node network.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

/** Relative imports that reach into one of `folders` (packages such as `kubernetes-models/apps` are not ours). */
const relativeInto = (folders) => `^\\.\\.?/(.*/)?(${folders.join('|')})(/|$)`;

/** A `no-restricted-imports` rule that forbids relative imports into one of `folders`. */
function forbidImportsOf(folders, why) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex: relativeInto(folders), message: why }] }],
  };
}

const meshSiblings = (allowed) =>
  ['sim', 'xds', 'net', 'envoy', 'kube', 'istiod', 'apps', 'cli'].filter((f) => !allowed.includes(f));
const aboveMesh = ['labs', 'runtime', 'components', 'pages', 'workshop'];

/**
 * src/mesh/testing (the istio.io task tests, which drive a whole cluster) is off limits to the layers, but a
 * layer's own testing/ folder (its test helpers) is not, and both are `testing/` to a relative import: seen
 * from a file `depth` folders below its layer's root, the mesh's is one `../` further away.
 */
const meshTestingFor = (depth) => ({
  files: [`src/mesh/{sim,xds,net,envoy,kube,istiod,apps}/${'*/'.repeat(depth)}*.ts`],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: `ImportDeclaration[source.value=/^(\\.\\.\\/){${depth + 1}}testing(\\/|$)/]`,
        message: 'src/mesh/testing holds the cross-layer task tests: layers do not import them.',
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // src/mesh: pure TypeScript, simulated time. Only sim/ and the Node network may touch real time.
  {
    files: ['src/mesh/**/*.ts'],
    ignores: ['src/mesh/sim/**', 'src/mesh/net/node/**', 'src/mesh/**/*.test.ts', 'src/mesh/**/*.bench.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Date', 'setTimeout', 'setInterval', 'setImmediate', 'performance', 'queueMicrotask'].map((name) => ({
          name,
          message: 'The mesh runs on a Clock (src/mesh/sim): use clock.now() / clock.setTimer() instead.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Random from src/mesh/sim.' },
        { object: 'globalThis', property: 'setTimeout', message: 'Use clock.setTimer().' },
        { object: 'Date', property: 'now', message: 'Use clock.now().' },
      ],
    },
  },
  {
    files: ['src/mesh/**/*.ts'],
    ignores: ['src/mesh/**/*.test.ts', 'src/mesh/**/*.bench.ts', 'src/mesh/net/node/**', 'src/mesh/node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: relativeInto(aboveMesh), message: 'src/mesh knows nothing of labs, runtimes or UI.' },
            {
              regex: '^node:',
              message: 'The mesh core runs in browsers too: Node-only code lives in src/mesh/net/node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/mesh/sim/**/*.ts'],
    rules: forbidImportsOf([...meshSiblings(['sim']), ...aboveMesh], 'sim/ imports nothing.'),
  },
  {
    files: ['src/mesh/xds/**/*.ts'],
    rules: forbidImportsOf([...meshSiblings(['xds']), ...aboveMesh], 'xds/ imports nothing.'),
  },
  {
    files: ['src/mesh/net/**/*.ts'],
    ignores: ['src/mesh/net/node/**'],
    rules: forbidImportsOf([...meshSiblings(['net', 'sim']), ...aboveMesh], 'net/ builds on sim/ only.'),
  },
  {
    files: ['src/mesh/envoy/**/*.ts'],
    ignores: ['src/mesh/envoy/**/*.test.ts', 'src/mesh/envoy/**/*.bench.ts'],
    rules: forbidImportsOf(
      [...meshSiblings(['envoy', 'sim', 'net', 'xds']), ...aboveMesh],
      'envoy/ builds on sim, net and xds.',
    ),
  },
  {
    files: ['src/mesh/kube/**/*.ts'],
    rules: forbidImportsOf([...meshSiblings(['kube', 'sim']), ...aboveMesh], 'kube/ builds on sim only.'),
  },
  {
    files: ['src/mesh/istiod/**/*.ts'],
    rules: forbidImportsOf(
      [...meshSiblings(['istiod', 'kube', 'xds', 'sim']), ...aboveMesh],
      'istiod/ builds on kube, xds and sim.',
    ),
  },
  {
    files: ['src/mesh/apps/**/*.ts'],
    rules: forbidImportsOf([...meshSiblings(['apps', 'sim', 'net']), ...aboveMesh], 'apps/ build on sim and net.'),
  },
  ...[0, 1, 2, 3, 4].map(meshTestingFor),
  {
    files: ['src/labs/**/*.ts'],
    rules: forbidImportsOf(['runtime', 'components', 'pages', 'workshop'], 'labs/ use the mesh only.'),
  },
  {
    files: ['src/runtime/**/*.ts'],
    rules: forbidImportsOf(['components', 'pages', 'workshop'], 'runtime/ sits below the UI.'),
  },
);
