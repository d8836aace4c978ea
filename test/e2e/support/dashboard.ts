import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Response as Answer } from '../../../core/response';
import { answer } from '../../../server/test-support';
import { launchBrowser } from './browser';

/**
 * What the dashboard's end-to-end tests share: its browser with a profile of its own, signing in
 * through the form, the language switcher, axe with the WCAG tags, the keyboard's focus, and a
 * watch on the page's CSP.
 */

/** The WCAG 2.2 AA rules axe checks every page against. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The language switcher's name in the language it is showing. */
export const LANGUAGE_LABEL = { fi: 'Kieli', sv: 'Språk', en: 'Language' } as const;
export type Language = keyof typeof LANGUAGE_LABEL;
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

/** A Chromium for the dashboard with its profile in a fresh temporary directory. */
export type DashboardBrowser = {
  context: BrowserContext;
  /** Closes Chromium and removes its profile. */
  close(): Promise<void>;
};

export async function openDashboardBrowser(prefix: string): Promise<DashboardBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), prefix));
  const context = await launchBrowser(profile);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collects what Chromium says about the pages' Content-Security-Policy into `reports`: its
 * console's words, and with `events` every `securitypolicyviolation` a page meets on any load,
 * whether Chromium logs it or not.
 */
export async function watchCsp(
  context: BrowserContext,
  reports: string[],
  { events = false }: { events?: boolean } = {},
): Promise<void> {
  if (events) {
    await context.exposeFunction('hymyCspViolation', (text: string) => reports.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { hymyCspViolation: (text: string) => void })
          .hymyCspViolation;
        report(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
  }
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      reports.push(message.text());
    }
  });
}

/** Answers an hour apart over the last hours and days, the values cycling. */
export function hourlyAnswers(first: number, count: number, values: readonly number[]): Answer[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    answer(first + i, {
      value: values[i % values.length],
      answeredAt: new Date(now - (i + 1) * 60 * 60 * 1000).toISOString(),
    }),
  );
}

/** Picks a language in the switcher, named "Kieli", "Språk" or "Language" by the one shown. */
export async function chooseLanguage(page: Page, to: Language): Promise<void> {
  const names = Object.values(LANGUAGE_LABEL).join('|');
  await page.getByRole('combobox', { name: new RegExp(`^(${names})$`) }).selectOption(to);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(to);
}

/**
 * Signs in through the English form. By default the fields are filled; `keystrokes` types them
 * key by key as a person does, after whatever the fields already hold.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  { keystrokes = false }: { keystrokes?: boolean } = {},
): Promise<void> {
  const emailField = page.getByLabel('E-mail', { exact: true });
  const passwordField = page.getByLabel('Password', { exact: true });
  if (keystrokes) {
    await emailField.pressSequentially(email);
    await passwordField.pressSequentially(password);
  } else {
    await emailField.fill(email);
    await passwordField.fill(password);
  }
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** What axe finds against the WCAG tags, one line a violation naming where. */
export async function axeFinds(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Each body row of the table `selector` (such as `table.units`) as its cells' texts. */
export async function bodyRows(page: Page, selector: string): Promise<string[][]> {
  await page.locator(selector).waitFor();
  return page.evaluate(
    (table) =>
      [...document.querySelectorAll(`${table} tbody tr`)].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
      ),
    selector,
  );
}

/** The page's width and the window's: the page scrolls sideways when the first is larger. */
export function pageWidths(page: Page): Promise<{ page: number; view: number }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: window.innerWidth,
  }));
}

/** The outline style of the focused element: 'none' when the focus cannot be seen. */
export function focusOutline(page: Page): Promise<string> {
  return page.evaluate(() =>
    document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
  );
}

/**
 * What the focused element is called: its aria-label, the text of its labels (a field), or its
 * own text (a button, a link).
 */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null) {
      return '';
    }
    const labels =
      el instanceof HTMLInputElement || el instanceof HTMLSelectElement
        ? [...(el.labels ?? [])].map((label) => label.textContent ?? '').join(' ')
        : '';
    return `${el.getAttribute('aria-label') ?? ''}${labels}${labels === '' ? (el.textContent ?? '') : ''}`.trim();
  });
}

/** Presses Tab until the focused element's name matches `name`. */
export async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) {
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}
