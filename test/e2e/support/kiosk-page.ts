import type { Locator, Page } from 'playwright-core';
import type { Response } from '../../../core';

export type StoredRow = Response & { syncState: string };

/** The kiosk as a patient sees it: faces, language buttons and the thank-you. */
export class KioskPage {
  constructor(readonly page: Page) {}

  screen(name: 'starting' | 'kiosk' | 'thanks' | 'failed'): Locator {
    return this.page.locator(`main[data-screen="${name}"]`);
  }

  faces(): Locator {
    return this.screen('kiosk').locator('button[data-value]');
  }

  face(value: number): Locator {
    return this.screen('kiosk').locator(`button[data-value="${value}"]`);
  }

  language(ownName: string): Locator {
    return this.page.getByRole('button', { name: ownName, exact: true });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.screen('kiosk').waitFor({ timeout: 15_000 });
  }

  async waitForKiosk(timeout = 15_000): Promise<void> {
    await this.screen('kiosk').waitFor({ timeout });
  }

  /** Once the screen's entrance animation has run: what a person sees, and what axe should judge. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(() =>
      document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
  }

  /** The page's own clock (`performance.now()`), to tell what the page did after a moment. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /**
   * Waits until the sync has looked into the outbox after `since` (the page's `now()`): the
   * sync engine marks each read of a batch as `hymy:sync-read` (for the benchmark), so an entry
   * that starts later is a read that saw every answer committed before `since`.
   */
  async waitForSyncRead(since: number, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (after) =>
        performance.getEntriesByName('hymy:sync-read').some((entry) => entry.startTime > after),
      since,
      { timeout },
    );
  }

  /** How many batches the page sent to the host for upload after `since` (see `waitForSyncRead`). */
  uploadsSince(since: number): Promise<number> {
    return this.page.evaluate(
      (after) =>
        performance.getEntriesByName('hymy:sync-upload').filter((entry) => entry.startTime > after)
          .length,
      since,
    );
  }

  /**
   * Starts writing down every screen the page shows from now on, in order, as
   * `<data-screen>:<data-question>`; the function returned reads the list so far.
   */
  async recordScreens(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      const note = (): void => {
        const main = document.querySelector('main');
        const name = `${main?.dataset['screen'] ?? ''}:${main?.dataset['question'] ?? ''}`;
        if (seen.at(-1) !== name) {
          seen.push(name);
        }
      };
      note();
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-screen', 'data-question'],
      });
      (window as unknown as { __hymyScreens: string[] }).__hymyScreens = seen;
    });
    return () =>
      this.page.evaluate(() => [
        ...(window as unknown as { __hymyScreens: string[] }).__hymyScreens,
      ]);
  }

  htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /** Every stored answer, read straight from the page's IndexedDB (not through the app). */
  rows(): Promise<StoredRow[]> {
    return this.page.evaluate(
      () =>
        new Promise<StoredRow[]>((resolve, reject) => {
          const open = indexedDB.open('hymy');
          open.onerror = () => reject(new Error(String(open.error)));
          open.onsuccess = () => {
            const db = open.result;
            const read = db.transaction('responses', 'readonly').objectStore('responses').getAll();
            read.onsuccess = () => {
              db.close();
              resolve(read.result as StoredRow[]);
            };
            read.onerror = () => reject(new Error(String(read.error)));
          };
        }),
    );
  }
}
