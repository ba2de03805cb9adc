import { defineConfig } from 'vitest/config';

// One Chromium for the whole suite (started in global setup), a fresh context per test.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Specs share one browser; on 2 cores, running files one by one keeps timing honest.
    fileParallelism: false,
  },
});
