// Vitest configuration (Node): one run covers unit, bundle, engine (Rhino) and integration tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/polyfills.ts'],
    // Brings Rhino + a JDK when missing (or fails naming the command); PI_SKIP_ENGINE=1 opts out.
    globalSetup: ['test/setup/engine.ts'],
    // Any skipped test is counted and explained in the run's last lines.
    reporters: ['default', './test/setup/skip-report.ts'],
    testTimeout: 30000,
    hookTimeout: 60000
  }
});
