import { defineConfig } from 'vitest/config';

// Pure code: shared rules and schemas.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts'],
  },
});
