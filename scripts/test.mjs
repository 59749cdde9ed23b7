#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find.
// Stops at the first failing step and says which.
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * The steps in order; a step that is a list runs its commands side by side (each with its output kept and shown
 * whole when it ends), and `background` starts a step early and joins it where it stands. The static checks share
 * the two cores; Chromium installs (apt, network and disk) while the unit tests use the CPU.
 */
const STEPS = [
  [
    ['lint (eslint: no wall clock in the mesh)', 'eslint', ['.']],
    ['architecture (dependency-cruiser: layers, entry points, cycles)', 'node', ['scripts/architecture/check.mjs']],
    ['format (prettier)', 'prettier', ['--check', '.', '--log-level', 'warn']],
    ['type check (astro check)', 'astro', ['check']],
  ],
  [
    'postgresql for the PostgreSQL store tests (installs or says why they skip)',
    'node',
    ['scripts/ensure-postgres.mjs'],
  ],
  ['chromium for end-to-end tests', 'node', ['scripts/ensure-chromium.mjs'], { background: true }],
  ['unit tests (vitest)', 'vitest', ['run']],
  ['content checks', 'node', ['scripts/check-content.mjs']],
  ['production build', 'astro', ['build']],
  ['links in the built site', 'node', ['scripts/check-links.mjs']],
  ['end-to-end tests (playwright + chromium)', 'playwright', ['test'], { after: 'chromium for end-to-end tests' }],
];

const started = Date.now();
let passed = 0;
/** Steps started early, by title: their exit status once they end. */
const backgrounds = new Map();

function commandLine(command, args) {
  const bin = command === 'node' ? process.execPath : 'npx';
  return [bin, command === 'node' ? args : ['--no-install', command, ...args]];
}

/** Runs a command with its output kept; resolves with the status and the output. */
function runKept(command, args) {
  const [bin, argv] = commandLine(command, args);
  return new Promise((resolve) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (status, signal) => resolve({ status: status ?? signal, output: Buffer.concat(output) }));
  });
}

async function stop(title, status) {
  console.error(`\n✗ npm test stopped: "${title}" failed (exit ${status}).`);
  console.log(`steps: ${passed} passed, 1 failed`);
  // A step started early is let finish: an apt-get cut off mid-install leaves dpkg needing repair.
  await Promise.all(backgrounds.values());
  process.exit(1);
}

async function join(title) {
  const { status, output } = await backgrounds.get(title);
  console.log(`\n▶ ${title} (started earlier)`);
  process.stdout.write(output);
  if (status !== 0) await stop(title, status);
  passed++;
}

for (const step of STEPS) {
  if (Array.isArray(step[0])) {
    const results = await Promise.all(step.map(([, command, args]) => runKept(command, args)));
    for (const [i, [title]] of step.entries()) {
      console.log(`\n▶ ${title}`);
      process.stdout.write(results[i].output);
      if (results[i].status !== 0) await stop(title, results[i].status);
      passed++;
    }
    continue;
  }
  const [title, command, args, options = {}] = step;
  if (options.background) {
    backgrounds.set(title, runKept(command, args));
    continue;
  }
  if (options.after !== undefined) await join(options.after);
  console.log(`\n▶ ${title}`);
  const [bin, argv] = commandLine(command, args);
  const result = spawnSync(bin, argv, { stdio: 'inherit' });
  if (result.status !== 0) await stop(title, result.status ?? result.signal);
  passed++;
}
console.log(`\n✓ all checks passed in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`steps: ${passed} passed, 0 failed`);
