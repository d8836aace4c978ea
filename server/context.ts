import type { Db } from './db';
import type { Logger } from './log';
import type { Stores } from './store';

/** What every route and service of one running server shares. */
export type ServerContext = {
  db: Db;
  stores: Stores;
  logger: Logger;
  /** The server's clock; tests pass their own to expire codes without waiting a day. */
  now: () => Date;
  /** SHA-256 of the admin token: compared in constant time, never kept in the clear. */
  adminTokenHash: string;
};
