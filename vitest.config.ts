import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Server-backed suites (Redis) start their own server on loopback; see test/support/.
    globalSetup: ['test/support/global-setup.ts'],
    // Most suites wait on Redis, HTTP or child processes rather than the CPU: two test files at a time even on two cores
    // (vitest's default there is one), which took the suite from 165 s to about 92 s on this machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
