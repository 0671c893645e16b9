// Integration tests: one stack (functions/local/start.ts) for the whole run, real HTTP.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'functions',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/**/fixtures/**'],
    globalSetup: ['test/harness/globalSetup.ts'],
    setupFiles: ['test/harness/env.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // the files share one stack (and its one PGlite session)
    fileParallelism: false,
  },
});
