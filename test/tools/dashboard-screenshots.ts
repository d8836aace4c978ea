import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sodium from 'libsodium-wrappers';
import type { Page } from 'playwright-core';
import type { Alert } from '../../core/feedback-api';
import { sampleResponse, sampleResponseId } from '../../core/sample-response';
import { writeNewContactKey } from '../../server/contact-key';
import { launchBrowser } from '../e2e/support/browser';
import { makeDataDir } from '../e2e/support/kiosk-host';
import {
  adminCall,
  enrollmentCode,
  startTestCentral,
  WARD_SURVEY,
  type TestCentral,
} from '../support/central';

/**
 * The county's dashboard for docs/ (part of `npm run screenshots`; alone:
 * `npm run build && tsx test/tools/dashboard-screenshots.ts`), over a server with seeded answers:
 * sign-in in Swedish on a 390×844 phone; at 1280×800 the units page in Finnish, a unit's page in
 * Finnish (and in English on the phone), Terminals in English, Targets and Accounts in Swedish;
 * feedback handling (issue 18): the inbox in Finnish, an item with its contact details opened in
 * English, the alerts page in English.
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

const HOUR_MS = 60 * 60 * 1000;

/**
 * The first unit's comments and contact requests, by the index of its answer (answer i was given
 * (i + 1) × 3 hours ago): comments as the kiosk stores them, personal details already redacted.
 * Answer 7 (a day ago) asks to be contacted and is due soon; answer 77 (9½ days ago) is overdue.
 */
const FEEDBACK: Record<number, { comment: string; contact?: { name: string; phone: string } }> = {
  0: { comment: 'Ystävällinen vastaanotto ja lyhyt odotusaika. Kiitos!' },
  2: { comment: 'Hyvä hoito, mutta pysäköintipaikkaa sai etsiä pitkään.' },
  5: { comment: 'Leikkinurkkaus oli lapselle mieluinen odottaessa.' },
  7: {
    comment:
      'Odotimme lääkäriä yli tunnin, eikä kukaan kertonut syytä. Haluaisin keskustella tästä.',
    contact: { name: 'Maija Virtanen', phone: '040 123 4567' },
  },
  13: { comment: 'Hoitaja selitti kaiken lapselle ymmärrettävästi.' },
  17: { comment: 'Ajanvaraukseen ei saanut yhteyttä. Soittakaa numeroon [poistettu].' },
  77: {
    comment: 'Kotiin lähtiessä jäi epäselväksi, miten kipulääkettä annetaan.',
    contact: { name: 'Matti', phone: '050 765 4321' },
  },
};

/** What the unit's manager wrote when acknowledging the older alerts. */
const ALERT_COMMENTS = [
  'Käyty läpi osastokokouksessa: ajanvarauksen jonot purettu lisävuoroilla.',
  'Sijaisia oli tavallista enemmän; perehdytystä tehostettu.',
];

async function seeded(dataDir: string) {
  const centralDir = path.join(dataDir, 'central');
  await mkdir(centralDir, { recursive: true });
  // The server loads DIR/contact-key by itself; the contact requests below are sealed with it.
  const key = await writeNewContactKey(path.join(centralDir, 'contact-key'));
  if (!key.ok) {
    throw new Error(key.problem);
  }
  await sodium.ready;
  const publicKey = sodium.from_base64(key.publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const seal = (details: { name: string; phone: string }) =>
    sodium.to_base64(
      sodium.crypto_box_seal(JSON.stringify(details), publicKey),
      sodium.base64_variants.ORIGINAL,
    );
  const central = await startTestCentral(centralDir);
  const now = Date.now();
  let id = 1;
  for (const [index, { unit, values, count, target }] of UNITS.entries()) {
    // The first unit asks for comments and contact requests; the second has had a bad day.
    const first = index === 0;
    const code = await enrollmentCode(
      central,
      first
        ? {
            unit,
            survey: { ...WARD_SURVEY, comment: { enabled: true } },
            contact: { enabled: true },
          }
        : { unit, survey: WARD_SURVEY },
    );
    const enrolled = await fetch(`${central.url}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, hardwareId: `hw-${unit.id}`, appVersion: '0.1.0' }),
    });
    const { token } = (await enrolled.json()) as { token: string };
    const responses = Array.from({ length: count }, (_, i) => {
      const feedback = first ? FEEDBACK[i] : undefined;
      return sampleResponse({
        id: sampleResponseId((id += 1)),
        value: values[i % values.length],
        answeredAt: new Date(now - (i + 1) * 3 * HOUR_MS).toISOString(),
        ...(feedback && { comment: feedback.comment }),
        ...(feedback?.contact && { contactSealed: seal(feedback.contact) }),
      });
    });
    if (index === 1) {
      // Ten "very unhappy" answers in the last ten hours: the CUSUM opens an alert.
      for (let i = 0; i < 10; i += 1) {
        responses.push(
          sampleResponse({
            id: sampleResponseId((id += 1)),
            value: 1,
            answeredAt: new Date(now - (i + 0.5) * HOUR_MS).toISOString(),
          }),
        );
      }
    }
    const uploaded = await fetch(`${central.url}/v1/terminal/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ responses }),
    });
    const answer = (await uploaded.json()) as { accepted: string[] };
    if (answer.accepted.length !== responses.length) {
      throw new Error(`answers refused: ${JSON.stringify(answer)}`);
    }
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
  // The alert monitor runs after an upload is answered: wait until it has opened the streak's
  // alert (the second unit's earlier answers open older ones as well).
  for (let tries = 0; ; tries += 1) {
    const alerts = (await (await adminCall(central, 'GET', '/v1/alerts')).json()) as Alert[];
    if (alerts.some((alert) => Date.parse(alert.openedAt) > now - 10 * HOUR_MS)) {
      break;
    }
    if (tries >= 100) {
      throw new Error('no alert was opened');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return central;
}

/** Every open alert but the newest, acknowledged by the signed-in account with a comment. */
async function acknowledgeOlderAlerts(central: TestCentral, page: Page): Promise<void> {
  const listed = await adminCall(central, 'GET', '/v1/alerts?state=open');
  const older = ((await listed.json()) as Alert[])
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt))
    .slice(0, -1);
  for (const [index, alert] of older.entries()) {
    const done = await page.request.post(`${central.url}/v1/alerts/${alert.id}/acknowledge`, {
      headers: { origin: central.url },
      data: { comment: ALERT_COMMENTS[index % ALERT_COMMENTS.length] },
    });
    if (!done.ok()) {
      throw new Error(`alert not acknowledged: ${done.status()} ${await done.text()}`);
    }
  }
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
    await acknowledgeOlderAlerts(central, page);
    // The navigation's count of open alerts is read when the page loads.
    await page.reload();
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

    // Feedback handling (issue 18): the inbox with an overdue contact request, in Finnish.
    await page.goto(`${central.url}/#/inbox`);
    await page.getByRole('combobox', { name: 'Språk' }).selectOption('fi');
    await page.getByRole('heading', { name: 'Palautteet', level: 1 }).waitFor();
    await page.getByText('Myöhässä').first().waitFor();
    await shot('dashboard-inbox-fi', true);

    // An item opened in English, its contact details shown after the confirm step.
    await page.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    const row = page.getByRole('row').filter({ hasText: FEEDBACK[7]!.comment });
    await row.getByRole('button', { name: /^Open/ }).click();
    await page.getByRole('heading', { name: /^Feedback of / }).waitFor();
    await page.getByRole('button', { name: 'Show contact details' }).click();
    await page.getByRole('button', { name: 'Yes, show them' }).click();
    await page.getByText(FEEDBACK[7]!.contact!.name).waitFor();
    await shot('dashboard-inbox-item-en', true);

    await page.goto(`${central.url}/#/alerts`);
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^Open alerts/ }).waitFor();
    await shot('dashboard-alerts-en', true);
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
