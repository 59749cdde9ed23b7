#!/usr/bin/env node
// End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
// Installs it when missing and we are root; otherwise says how and fails.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`Chromium was not found at ${CHROMIUM}. Install Debian's package and run the tests again:`);
    console.error('  sudo apt-get update && sudo apt-get install -y chromium');
    console.error('(or set CHROMIUM_PATH to another Chromium build)');
    process.exit(1);
  }
  console.log(`Chromium is missing; installing Debian's chromium package…`);
  if (
    !run('apt-get', ['update', '-qq']) ||
    !run('apt-get', ['install', '-y', '-qq', 'chromium']) ||
    !existsSync(CHROMIUM)
  ) {
    console.error('Installing chromium failed; see the apt-get output above.');
    process.exit(1);
  }
}
