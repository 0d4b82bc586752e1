// Test runner configuration: SWC emits decorator metadata for type-graphql and TypeORM;
// graphql is pinned to its CommonJS entry so one module instance serves every import. Files and the
// tests in each run in a random order: Vitest prints the seed under its banner (`Running tests with
// seed "…"`), and `--sequence.seed=<seed>` repeats that order.
import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: { graphql: require.resolve('graphql/index.js') } },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // No test may rely on another having run before it (the seed is Date.now() unless given).
    sequence: { shuffle: true },
  },
});
