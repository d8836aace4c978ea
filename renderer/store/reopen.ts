import type { HymyDb } from './db';

/**
 * Opens the store again and proves it takes a durable write: Chromium may have closed the
 * database after an I/O error, and a disk without room may still open it for reading. Throws
 * while the store cannot write (renderer/store/healing-store.ts tries again later).
 */
export async function reopenStore(db: HymyDb): Promise<void> {
  // Auto-open stays on: the outbox and the recorder's reads open it again as they need it.
  db.close({ disableAutoOpen: false });
  await db.open();
  await db.transaction('rw', db.probe, async (tx) => {
    const put = db.probe.put({ id: 1, at: Date.now() });
    tx.idbtrans.commit();
    await put;
  });
}
