// Vitest configuration (Node): one run covers unit, bundle, engine (Rhino) and integration tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/polyfills.ts'],
    testTimeout: 30000,
    hookTimeout: 60000
  }
});
