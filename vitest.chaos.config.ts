import { defineConfig } from 'vitest/config';

/**
 * The chaos tier (`npm run test:chaos`, also run by .ci/run after `npm test`):
 * real worker processes SIGKILLed during a fan-out, Redis emptied mid-day.
 * Slow by design, so it is not part of `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
