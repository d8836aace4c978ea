import { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { Schema } from '../database/schema';
import { readSnapshot } from '../reports/scope';

/**
 * A download read in one snapshot (scope.ts `readSnapshot`), so every part of it sees the same
 * answers. The snapshot is held while the database is read, not for as long as a slow client
 * takes: up to `bufferBytes` of text waits in memory, and only past that does the reading wait
 * for the client (keeping its read connection, and on SQLite its WAL snapshot, meanwhile).
 */

/** What waits for a slow client: a county's year of the national export is about 7 MB. */
export const SNAPSHOT_BUFFER_BYTES = 8 * 1024 * 1024;

/** Writes text to the download; resolves false once nobody reads any more. */
export type WriteText = (text: string) => Promise<boolean>;

/**
 * The text `produce` writes, as a stream. When the client goes away, `write` resolves false
 * and the producer stops, which ends its transaction. A failure after the first byte can only
 * cut the download short: the stream is destroyed with the error.
 */
export function snapshotStream(
  database: Database,
  produce: (write: WriteText, trx: Transaction<Schema>) => Promise<void>,
  bufferBytes = SNAPSHOT_BUFFER_BYTES,
): Readable {
  let wake: (() => void) | undefined;
  const resume = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const stream = new Readable({
    highWaterMark: bufferBytes,
    read: resume,
    destroy: (error, callback) => {
      resume();
      callback(error);
    },
  });
  const write: WriteText = async (text) => {
    if (stream.destroyed) {
      return false;
    }
    // An empty chunk would end a byte stream's reading: there is nothing to push anyway.
    if (text !== '' && !stream.push(text)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    return !stream.destroyed;
  };
  readSnapshot(database, (trx) => produce(write, trx)).then(
    () => {
      if (!stream.destroyed) {
        stream.push(null);
      }
    },
    (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return stream;
}
