import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_CALLBACK_PATH } from '../../server/accounts/oidc';
import { SESSION_IDLE_MS } from '../../server/people';
import { startTestProvider, type TestProvider } from '../../server/test-oidc-provider';
import { startTestServer, TEST_PASSWORD, UNIT, type TestServer } from '../../server/test-support';
import {
  axeFinds,
  chooseLanguage,
  hourlyAnswers,
  openDashboardBrowser,
  signIn,
  type DashboardBrowser,
} from './support/dashboard';

/**
 * How a person gets into the dashboard and out again, in headless Chromium against the real
 * server: through the county's OpenID provider (a real `oidc-provider` on loopback), and a
 * session that times out under an open page. The server's clock is the test's: 30 idle minutes
 * pass in one assignment, not in 30 minutes.
 */

const NURSE = 'hoitaja@lapset.example.fi';

describe('signing in to the dashboard and being signed out', () => {
  let idp: TestProvider;
  let t: TestServer;
  let browser: DashboardBrowser;
  /** Added to the real time by the server's clock. */
  let skewMs = 0;

  beforeAll(async () => {
    idp = await startTestProvider();
    t = await startTestServer({
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
      now: () => new Date(Date.now() + skewMs),
    });
    idp.configure(`${t.server.url}${OIDC_CALLBACK_PATH}`);
    const terminal = await t.enroll();
    expect((await t.upload(terminal.token, hourlyAnswers(1, 12, [4, 3, 4, 2]))).status).toBe(200);
    await t.addAccount({ email: NURSE, role: 'unit', units: [UNIT.id] });
    browser = await openDashboardBrowser('hymy-e2e-sessions-');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    await idp?.close();
  });

  /** A page in English with no cookie left from before: neither ours nor the provider's. */
  async function englishPage(): Promise<Page> {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(t.server.url);
    await chooseLanguage(page, 'en');
    return page;
  }

  it("signs a person in through the county's identity provider, in the browser", async () => {
    idp.loginAs({ sub: 'nurse-1', email: 'Hoitaja@Lapset.example.fi', emailVerified: true });
    const page = await englishPage();
    await page.getByRole('link', { name: "Sign in with the county's identity provider" }).click();
    // The provider signs the nurse in, sends the browser back, and the server opens a session.
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    expect(await page.getByText(`Signed in as ${NURSE}`).count()).toBe(1);
    const rows = page.locator('table.units tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe(UNIT.name.en);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Hymy' }).waitFor();
    await page.close();
  });

  it('refuses a provider login that is no account with a page in words', async () => {
    idp.loginAs({ sub: 'stranger', email: 'vieras@example.fi', emailVerified: true });
    const page = await englishPage();
    await page.getByRole('link', { name: "Sign in with the county's identity provider" }).click();
    await page.waitForURL((url) => url.pathname === OIDC_CALLBACK_PATH);
    await page.getByRole('heading', { name: 'Sign-in refused', level: 1 }).waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Your e-mail address has no Hymy account');
    expect(text).not.toMatch(/Error:|at .*\.ts:\d+/);
    expect(await axeFinds(page)).toEqual([]);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('hymy_session');
    await page.close();
  });

  it('sends a page idle for 30 minutes back to sign-in, says why, and returns there after', async () => {
    const page = await englishPage();
    await signIn(page, NURSE, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await page.locator('table.units').waitFor();

    skewMs += SESSION_IDLE_MS + 60_000;
    // The next thing the person does asks the server, which no longer knows the session.
    await page.getByRole('radio', { name: 'Last 30 days' }).check();
    await page.getByRole('heading', { name: 'Sign in to Hymy' }).waitFor();
    const notice = page.getByRole('status');
    await expect.poll(() => notice.textContent()).toMatch(/^Your session ended after 30 minutes/);
    expect(await axeFinds(page)).toEqual([]);

    // Still on the units page's address: signed in again, the person is back where they were.
    await signIn(page, NURSE, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Units', level: 1 }).waitFor();
    await page.locator('table.units').waitFor();
    expect(await page.getByText(/^Your session ended/).count()).toBe(0);
    await page.close();
  });
});
