import Dexie from 'dexie';
import type { HymyDb } from '../../store/db';

export type Unsent = { unsent: number; newestUnsentAt: string | null };

/**
 * The answers not yet sent: the pending rows and the newest of them, read from the store at the
 * moment of asking (the factory reset's guard compares these with the last export). A row the
 * server has answered but that is not yet marked still counts: when in doubt, it is unsent.
 */
export async function readUnsent(db: HymyDb): Promise<Unsent> {
  const pending = db.responses
    .where('[syncState+answeredAt]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);
  const unsent = await pending.count();
  const newest = unsent === 0 ? undefined : await pending.last();
  return { unsent, newestUnsentAt: newest?.answeredAt ?? null };
}
