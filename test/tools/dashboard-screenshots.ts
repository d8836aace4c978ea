import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { launchBrowser } from '../e2e/support/browser';
import { makeDataDir } from '../e2e/support/kiosk-host';
import { adminCall, enrollmentCode, startTestCentral, WARD_SURVEY } from '../support/central';

/**
 * The county's dashboard for docs/ (part of `npm run screenshots`; alone:
 * `npm run build && tsx test/tools/dashboard-screenshots.ts`), over a server with seeded answers:
 * sign-in in Swedish on a 390×844 phone; at 1280×800 the units page in Finnish, a unit's page in
 * Finnish (and in English on the phone), Terminals in English, Targets and Accounts in Swedish.
 */
const DOCS = path.resolve(import.meta.dirname, '../../docs');
const EMAIL = 'asiakaskokemus@hyvinvointialue.example.fi';
const PASSWORD = 'screenshots-password-1234';

const UNITS = [
  {
    unit: { id: 'lasten-pkl', name: { fi: 'Lasten poliklinikka', sv: 'Barnpolikliniken' } },
    values: [4, 4, 3, 4, 4, 3, 4, 2, 4, 4],
    count: 240,
    target: { measure: 'positiveShare', value: 0.75 },
  },
  {
    unit: { id: 'psykiatria', name: { fi: 'Psykiatrian poliklinikka' } },
    values: [3, 4, 2, 3, 1, 4, 3],
    count: 64,
    target: { measure: 'positiveShare', value: 0.75 },
  },
  {
    unit: { id: 'paivystys', name: { fi: 'Yhteispäivystys' } },
    values: [4, 3, 2, 4, 1, 3, 4, 4],
    count: 12,
    target: null,
  },
] as const;

async function seeded(dataDir: string) {
  const central = await startTestCentral(path.join(dataDir, 'central'));
  const now = Date.now();
  let id = 1;
  for (const { unit, values, count, target } of UNITS) {
    const code = await enrollmentCode(central, { unit, survey: WARD_SURVEY });
    const enrolled = await fetch(`${central.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, hardwareId: `hw-${unit.id}`, appVersion: '0.1.0' }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    const responses = Array.from({ length: count }, (_, i) =>
      sampleResponse({
        id: sampleResponseId((id += 1)),
        value: values[i % values.length],
        answeredAt: new Date(now - (i + 1) * 3 * 60 * 60 * 1000).toISOString(),
      }),
    );
    await fetch(`${central.url}/v1/terminal/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ responses }),
    });
    if (target !== null) {
      await adminCall(central, 'PATCH', `/v1/admin/units/${unit.id}`, { target });
    }
  }
  const account = await adminCall(central, 'POST', '/v1/admin/accounts', {
    email: EMAIL,
    role: 'county',
    password: PASSWORD,
  });
  if (account.status !== 201) {
    throw new Error(`no account: ${account.status} ${await account.text()}`);
  }
  return central;
}

export async function dashboardShots(): Promise<void> {
  await mkdir(DOCS, { recursive: true });
  const dataDir = await makeDataDir('hymy-shots-dashboard-');
  const central = await seeded(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'), { width: 390, height: 844 });
  const shot = async (name: string, fullPage = false) => {
    const file = path.join(DOCS, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', fullPage });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  };
  const page = await browser.newPage();
  try {
    await page.goto(central.url);
    await page.getByRole('combobox').selectOption('sv');
    await page.getByRole('heading', { name: 'Logga in i Hymy' }).waitFor();
    await shot('dashboard-sign-in-sv-phone');
    await page.getByLabel('E-post', { exact: true }).fill(EMAIL);
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in', exact: true }).click();
    await page.getByRole('table').waitFor();
    await page.getByRole('combobox').selectOption('fi');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('heading', { name: 'Yksiköt' }).waitFor();
    await page.locator('svg.sparkline').first().waitFor();
    await shot('dashboard-units-fi');

    // A unit's page: its charts drawn, the first chart's table opened.
    await page.goto(`${central.url}/#/units/${UNITS[0].unit.id}`);
    await page.locator('figure.chart svg').first().waitFor();
    await page.locator('figure.chart details summary').first().click();
    await shot('dashboard-unit-fi', true);
    await page.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('figure.chart svg').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('dashboard-unit-en-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`${central.url}/#/terminals`);
    await page.getByRole('heading', { name: 'Terminals', level: 1 }).waitFor();
    await page.locator('table').first().waitFor();
    await shot('dashboard-terminals-en', true);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
    await page.goto(`${central.url}/#/targets`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('table').first().waitFor();
    await shot('dashboard-targets-sv');

    await page.goto(`${central.url}/#/accounts`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('table').first().waitFor();
    await shot('dashboard-accounts-sv');
  } finally {
    await browser.close();
    await central.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  dashboardShots().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
