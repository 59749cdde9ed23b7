import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Vitest's default leaves a core free, which on CI's two cores is a single worker: the suite took 7.3 min
    // there instead of 4.8 with two. Every test file is its own process with its own cluster, ports and database.
    maxWorkers: Math.max(2, availableParallelism()),
    // Timeouts only catch a hang (no test asserts on wall time); with every core busy a test can take twice as long.
    testTimeout: 20_000,
  },
});
