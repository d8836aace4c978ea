import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

/** The technician's screens as a person on a ladder uses them: taps, the PIN, the menu. */
export class TechnicianPage {
  constructor(readonly page: Page) {}

  screen(name: string): Locator {
    return this.page.locator(`main[data-screen="${name}"]`);
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Five quick taps in the top-left corner: the hidden way in. */
  async cornerTaps(count = 5): Promise<void> {
    for (let tap = 0; tap < count; tap += 1) {
      await this.page.mouse.click(12, 12);
    }
  }

  /** Types a PIN on the pad's own keys and presses OK. */
  async enterPin(pin: string): Promise<void> {
    const pad = this.screen('pin-pad');
    for (const digit of pin) {
      await pad.getByRole('button', { name: digit, exact: true }).click();
    }
    await pad.getByRole('button', { name: 'OK', exact: true }).click();
  }

  async openService(pin: string): Promise<void> {
    await this.cornerTaps();
    await this.screen('pin-pad').waitFor();
    await this.enterPin(pin);
    await this.screen('service').waitFor();
  }

  /** One menu entry, and waits for its screen. */
  async menu(entry: string, screen: string): Promise<Locator> {
    await this.button(entry).click();
    const opened = this.screen('service').locator(`[data-screen="service-${screen}"]`);
    await opened.waitFor();
    return opened;
  }

  /** What axe finds once the screen's animations have run. */
  async violations(): Promise<string[]> {
    await this.page.waitForFunction(() =>
      document.getAnimations().every((animation) => animation.playState !== 'running'),
    );
    // WCAG 2.2's target size (2.5.8, AA) is off in axe by default: on here.
    const results = await new AxeBuilder({ page: this.page })
      .options({ rules: { 'target-size': { enabled: true } } })
      .analyze();
    return results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  }
}
