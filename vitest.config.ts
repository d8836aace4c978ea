import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
// With its extension: Vite loads this file itself (and warns about extensionless imports).
import { findPostgresBin } from './test/support/postgres.ts';

const buildTime = { __HYMY_BUILD_TIME__: JSON.stringify('2026-01-01T00:00:00.000Z') };

/**
 * The server's tests run twice: on SQLite (project `unit`) and on a throwaway PostgreSQL
 * cluster (`server-postgres`). Without PostgreSQL installed, CI fails here; a developer's run
 * says so in one line and leaves the PostgreSQL half out.
 */
const postgres = findPostgresBin() !== undefined;
if (!postgres) {
  const line =
    'PostgreSQL is not installed (apt-get install postgresql): the server tests on PostgreSQL cannot run';
  if (process.env['CI']) {
    throw new Error(line);
  }
  process.stderr.write(`${line}; skipped here, required in CI\n`);
}
const POSTGRES_ONLY = ['test/unit/postgres-cluster.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        define: buildTime,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            '{core,host,hardware,electron,server,build}/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...(postgres ? [] : POSTGRES_ONLY)],
          provide: { postgresUrl: '' },
        },
      },
      ...(postgres
        ? [
            {
              define: buildTime,
              test: {
                name: 'server-postgres',
                environment: 'node',
                include: ['server/**/*.test.ts'],
                globalSetup: ['test/support/postgres-global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        plugins: [react()],
        define: buildTime,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}', 'dashboard/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Real ptys and real processes: one file at a time on a two-core machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // server/test-support.ts's startTestServer (the dashboard's tests): SQLite.
          provide: { postgresUrl: '' },
          // One Chromium at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
