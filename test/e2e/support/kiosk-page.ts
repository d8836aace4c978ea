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
