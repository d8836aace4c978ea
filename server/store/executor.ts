import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../database/schema';

/** Where a store's queries run: the database, or one transaction on it. */
export type Executor = Kysely<Schema> | Transaction<Schema>;
