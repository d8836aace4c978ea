import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { say } from '../node/cli';
import { openDatabase, type Database, type DatabaseConfig } from './database';
import { DB_FILE } from './database/sqlite';
import { errorCode } from './log';

/**
 * Which database a command of the server names, and how its one-off commands (`npm run server
 * -- rollups rebuild`, `npm run users`) open it: `--database`, else HYMY_DATABASE_URL, selects
 * PostgreSQL; otherwise the SQLite file in the data dir.
 */

/** `--database` as given, else HYMY_DATABASE_URL; '' (either way) stands for SQLite. */
export function chosenDatabaseUrl(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return flag ?? env['HYMY_DATABASE_URL'];
}

/** The usage error a URL earns, or undefined when it names PostgreSQL (or nothing). */
export function databaseUrlProblem(url: string | undefined): string | undefined {
  return url !== undefined && url !== '' && !/^postgres(ql)?:\/\//.test(url)
    ? '--database must be a postgres:// URL'
    : undefined;
}

export function databaseConfig(dataDir: string, url: string | undefined): DatabaseConfig {
  return url !== undefined && url !== ''
    ? { kind: 'postgres', url }
    : { kind: 'sqlite', file: join(dataDir, DB_FILE) };
}

/**
 * Opens the database a one-off command works on, or says why not and exits: 2 when DIR holds
 * no SQLite database (a mistyped DIR must not become a new, empty one), 1 when it cannot be
 * opened. One read connection and no checkpoint worker: the command's writer checkpoints as it
 * closes.
 */
export async function openExistingDatabase(
  dataDir: string,
  url: string | undefined,
): Promise<Database> {
  const config = databaseConfig(dataDir, url);
  if (config.kind === 'sqlite' && !existsSync(config.file)) {
    say(`there is no database in ${dataDir} (${DB_FILE})`);
    process.exit(2);
  }
  try {
    return await openDatabase(config, { readConnections: 1, checkpointer: false });
  } catch (error) {
    say(`the database could not be opened (${errorCode(error)})`);
    process.exit(1);
  }
}
