import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '../e2e/support/browser';
import { testConfig } from '../e2e/support/fixtures';
import { makeDataDir, startKioskHost, writeTerminalConfig } from '../e2e/support/kiosk-host';
import { KioskPage } from '../e2e/support/kiosk-page';

/** `npm run screenshots`: the kiosk in fi, sv and en, landscape and portrait, into docs/. */
const DOCS = path.resolve(import.meta.dirname, '../../docs');
const LANGUAGES = [
  { ownName: 'Suomi', code: 'fi' },
  { ownName: 'Svenska', code: 'sv' },
  { ownName: 'English', code: 'en' },
];
const VIEWPORTS = [
  { name: 'landscape', width: 1280, height: 800 },
  { name: 'portrait', width: 800, height: 1280 },
];

async function main(): Promise<void> {
  await mkdir(DOCS, { recursive: true });
  const dataDir = await makeDataDir('hymy-shots-');
  await writeTerminalConfig(
    dataDir,
    testConfig({ timing: { thankYouMs: 60_000, idleResetMs: 600_000 } }),
  );
  const host = await startKioskHost(dataDir);
  const browser = await launchBrowser(path.join(dataDir, 'profile'));
  try {
    const kiosk = new KioskPage(await browser.newPage());
    await kiosk.open(host.url);
    for (const viewport of VIEWPORTS) {
      await kiosk.page.setViewportSize(viewport);
      for (const { ownName, code } of LANGUAGES) {
        await kiosk.language(ownName).click();
        const file = path.join(DOCS, `kiosk-${code}-${viewport.name}.png`);
        await kiosk.page.screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
      }
    }
    await kiosk.page.setViewportSize(VIEWPORTS[0]!);
    await kiosk.language('Suomi').click();
    await kiosk.face(4).click();
    await kiosk.screen('thanks').waitFor();
    const thanks = path.join(DOCS, 'thanks-fi-landscape.png');
    await kiosk.page.screenshot({ path: thanks, animations: 'disabled' });
    console.log(`wrote ${path.relative(process.cwd(), thanks)}`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
