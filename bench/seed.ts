import type { Page } from 'playwright-core';

export type SeedOptions = {
  /** The answers' survey version (the enrolled unit's survey for a drain). */
  surveyVersion: number;
  /** When the first answer was made (epoch ms); one every `stepMs` after it. */
  startMs: number;
  stepMs: number;
  /** Every answer pending, or every other one (a terminal that has been syncing). */
  allPending: boolean;
};

/**
 * Writes `count` answers straight into the page's IndexedDB, as weeks of use would have left
 * them: the store under test, filled without the kiosk's own write path.
 */
export async function seedAnswers(page: Page, count: number, options: SeedOptions): Promise<void> {
  await page.evaluate(
    async ({ total, surveyVersion, startMs, stepMs, allPending }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('hymy');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      for (let done = 0; done < total; done += 10_000) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('responses', 'readwrite');
          const store = tx.objectStore('responses');
          for (let i = done; i < Math.min(total, done + 10_000); i += 1) {
            store.put({
              id: crypto.randomUUID(),
              surveyId: 'visit-smiley',
              surveyVersion,
              questionId: 'overall',
              scale: 'smiley4',
              value: (i % 4) + 1,
              language: 'fi',
              source: 'button',
              answeredAt: new Date(startMs + i * stepMs).toISOString(),
              flags: [],
              syncState: allPending || i % 2 === 0 ? 'pending' : 'sent',
            });
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
      }
      db.close();
    },
    { total: count, ...options },
  );
}
