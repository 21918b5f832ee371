import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their `src` through the `@aurora-rca/source` export
// condition, so tests never need a build first.
const conditions = ['@aurora-rca/source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'tests/*/src/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'scripts/**/*.test.ts', 'docs/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'packages/storage-postgres/**', '**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['packages/react/src/**/*.test.tsx'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          environment: 'node',
          include: ['packages/storage-postgres/src/**/*.test.ts'],
          // One PostgreSQL server per run (embedded, or DATABASE_URL); each file creates its own database.
          globalSetup: ['packages/storage-postgres/src/testing/global-setup.ts'],
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['**/*.browser.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
        },
      },
    ],
  },
});
