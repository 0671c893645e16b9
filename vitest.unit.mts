import { defineConfig } from 'vitest/config';

// Pure code: shared rules and schemas, and the mini-program's pure helpers.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'miniapp/test/unit/**/*.test.ts'],
  },
});
