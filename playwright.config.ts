import { defineConfig } from '@playwright/test';

// E2E_PORT lets two runs (two checkouts on one machine) serve the built site side by side.
const port = Number(process.env['E2E_PORT'] ?? 4329);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // No outside connections: Chromium's background services would try to reach Google.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /busy-machine\.spec\.ts/ },
    // Saturates the CPU on purpose: it runs alone, after every other test, so it slows nothing else (run it by
    // itself with `playwright test busy-machine --no-deps`).
    { name: 'busy-machine', testMatch: /busy-machine\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command: `node scripts/serve.mjs`,
    env: { PORT: String(port) },
    url: `http://localhost:${port}/favicon.svg`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
