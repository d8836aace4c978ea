import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ResourceKey } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageCodeSchema, ResponseSchema } from '../../core';
import { HymyDb } from '../store/db';
import { createResponseStore } from '../store/response-store';
import { renderApp, testConfig, waitForKiosk } from '../testing/render-app';
import { createI18n } from './i18n';
import { buildResources, bundledLanguages } from './resources';

/**
 * A locale folder this build does not have (Northern Sámi), read the way resources.ts reads
 * locales/<language>/<namespace>.json: adding a language must need no more than such a folder.
 */
const fixtureFiles = import.meta.glob<ResourceKey>('./fixtures/locales/*/*.json', {
  eager: true,
  import: 'default',
});
const fixture = buildResources(fixtureFiles);

const SAMI = {
  code: 'se',
  ownName: 'Davvisámegiella',
  choose: 'Giella',
  question: 'Movt manai du galledeapmi odne?',
  faces: ['Hui duhtameahttun', 'Duhtameahttun', 'Duhtavaš', 'Hui duhtavaš'],
  thanks: 'Giitu!',
} as const;

const dbs: HymyDb[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('a fourth language', () => {
  it('is a language code a config and an answer may carry', () => {
    expect(LanguageCodeSchema.safeParse(SAMI.code).success).toBe(true);
    expect(testConfig({ languages: ['fi', 'sv', 'en', 'se'] }).languages).toContain('se');
  });

  it('comes from its locale folder alone, and the fixture stays out of the bundle', () => {
    expect(Object.keys(fixture)).toEqual([SAMI.code]);
    expect(Object.keys(fixture[SAMI.code] ?? {})).toContain('common');
    expect(bundledLanguages).toEqual(expect.arrayContaining(['fi', 'sv', 'en']));
    expect(bundledLanguages).not.toContain(SAMI.code);
  });

  it('listed in the config gets its own button, speaks its words and stores its answers', async () => {
    const db = new HymyDb('hymy-fourth-language');
    dbs.push(db);
    const config = testConfig({
      languages: ['fi', 'sv', 'en', 'se'],
      timing: { thankYouMs: 50, idleResetMs: 60_000 },
    });
    const i18n = createI18n(undefined, fixture);
    const { container } = renderApp(createResponseStore(db), config, { i18n });
    await waitForKiosk(container);

    const languages = within(screen.getByRole('group', { name: 'Kieli' })).getAllByRole('button');
    expect(languages.map((button) => button.textContent)).toEqual([
      'Suomi',
      'Svenska',
      'English',
      SAMI.ownName,
    ]);
    const sami = screen.getByRole('button', { name: SAMI.ownName });
    expect(sami).toHaveAttribute('lang', SAMI.code);

    // The browser could name the button itself; the words from here on only the fixture has.
    fireEvent.click(sami);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(SAMI.question);
    for (const name of SAMI.faces) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('group', { name: SAMI.choose })).toBeInTheDocument();
    expect(screen.getByRole('button', { pressed: true })).toHaveTextContent(SAMI.ownName);
    expect(document.documentElement.lang).toBe(SAMI.code);

    fireEvent.click(screen.getByRole('button', { name: 'Duhtavaš' }));
    expect(await screen.findByRole('status')).toHaveTextContent(SAMI.thanks);
    await waitFor(async () => expect(await db.responses.count()).toBe(1));
    const [row] = await db.responses.toArray();
    expect(row).toMatchObject({ language: SAMI.code, value: 3, source: 'touch' });
    // What the outbox will send passes core's own check of a Response.
    expect(ResponseSchema.parse(row).language).toBe(SAMI.code);
  });
});
