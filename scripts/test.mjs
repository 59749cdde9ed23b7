#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Stops at the first failing step and says which.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

// On a fresh clone `npm test` is the only command CI runs: install first (with the system Node), then run
// again so npm puts the pinned Node 24 from node_modules/.bin on PATH.
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('▶ installing dependencies (npm ci)');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
  const again = spawnSync('npm', ['test'], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const STEPS = [
  ['lint (eslint: no wall clock in the mesh)', 'eslint', ['.']],
  ['architecture (dependency-cruiser: layers, entry points, cycles)', 'node', ['scripts/architecture/check.mjs']],
  ['format (prettier)', 'prettier', ['--check', '.', '--log-level', 'warn']],
  ['type check (astro check)', 'astro', ['check']],
  [
    'postgresql for the PostgreSQL store tests (installs or says why they skip)',
    'node',
    ['scripts/ensure-postgres.mjs'],
  ],
  ['unit tests (vitest)', 'vitest', ['run']],
  ['content checks', 'node', ['scripts/check-content.mjs']],
  ['production build', 'astro', ['build']],
  ['links in the built site', 'node', ['scripts/check-links.mjs']],
  ['chromium for end-to-end tests', 'node', ['scripts/ensure-chromium.mjs']],
  ['end-to-end tests (playwright + chromium)', 'playwright', ['test']],
];

const started = Date.now();
let passed = 0;
for (const [title, command, args] of STEPS) {
  console.log(`\n▶ ${title}`);
  const bin = command === 'node' ? process.execPath : 'npx';
  const result = spawnSync(bin, command === 'node' ? args : ['--no-install', command, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✗ npm test stopped: "${title}" failed (exit ${result.status ?? result.signal}).`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  passed++;
}
console.log(`\n✓ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`steps: ${passed} passed, 0 failed`);
