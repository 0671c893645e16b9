import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/unit/**'], // pure helpers: run by the root unit suite (vitest.unit.mts)
    environment: 'node',
    globalSetup: ['./test/build-weapp.setup.ts'],
    // The compiled bundle and WeChat's WXML compiler load once per file; pages render in ~100 ms.
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
})
