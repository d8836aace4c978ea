import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const buildTime = { __HYMY_BUILD_TIME__: JSON.stringify('2026-01-01T00:00:00.000Z') };

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
        },
      },
      {
        plugins: [react()],
        define: buildTime,
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
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
          // One Chromium at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
