/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run. Each test file makes its
 * own database: `await createTestDatabase(inject('postgresUrl'), 'prefix')` (./postgres.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  // Declaration merging is how Vitest types `provide`/`inject`, and only an interface merges.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:PORT/postgres`: the superuser on the admin database. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster;
  try {
    cluster = await startPostgres();
  } catch (error) {
    // One line saying so and why. Whether a machine without PostgreSQL skips: vitest.config's call.
    console.error(
      error instanceof Error ? error.message : `PostgreSQL could not start: ${String(error)}`,
    );
    throw error;
  }
  project.provide('postgresUrl', cluster.url());
  return () => cluster.stop();
}
