import type { MailStatus } from '../core/feedback-api';
import type { AnswersStored } from './alerts/monitor';
import type { ContactKey } from './contact-key';
import type { Database } from './database';
import type { Logger } from './log';
import type { PdfRenderer } from './pdf/pdf-renderer';
import { createStores, type Stores } from './store';
import { batchWriter, type StoreAnswers } from './store/batch-writer';

/** What every route and service of one running server shares. */
export type ServerContext = {
  database: Database;
  /** The tables' queries on the write connection (outside any transaction). */
  stores: Stores;
  /** Runs `work` in one write transaction, its stores bound to it; commits when it returns. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /** Stores an upload's answers in a transaction (on SQLite shared with those of other uploads). */
  storeAnswers: StoreAnswers;
  logger: Logger;
  /** The server's clock; tests pass their own to expire codes without waiting a day. */
  now: () => Date;
  /** SHA-256 of the admin token: compared in constant time, never kept in the clear. */
  adminTokenHash: string;
  /** The county's contact key pair (server/contact-key.ts), when the server has one. */
  contactKey?: ContactKey | undefined;
  /** Told of an upload's answers once they have committed (alerts); returns at once. */
  answersStored?: AnswersStored | undefined;
  /** `GET /v1/mail/status` (server/mail/); none: e-mail is not configured. */
  mailStatus?: (() => Promise<MailStatus>) | undefined;
  /** The server's one headless Chromium for its PDFs (server/pdf/), started at the first PDF. */
  pdf: PdfRenderer;
};

/** The context of a server over `database`. */
export function serverContext(
  database: Database,
  parts: Pick<
    ServerContext,
    'logger' | 'now' | 'adminTokenHash' | 'contactKey' | 'answersStored' | 'mailStatus' | 'pdf'
  >,
): ServerContext {
  return {
    ...parts,
    database,
    stores: createStores(database.db),
    transaction: (work) => database.db.transaction().execute((trx) => work(createStores(trx))),
    storeAnswers: batchWriter(database),
  };
}
