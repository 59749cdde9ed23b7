// Lint rules. Which folder may import which is not here: dependency-cruiser checks the import map
// (scripts/architecture/layers.mjs, `npm test`'s architecture step). Here: nothing in the mesh reads the wall
// clock or unseeded randomness outside sim/ and the Node network, so a simulation replays exactly.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

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
);
