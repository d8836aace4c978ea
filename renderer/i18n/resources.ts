import type { Resource, ResourceKey } from 'i18next';

export const DEFAULT_NAMESPACE = 'common';

/**
 * Every locale file, bundled at build time: `locales/<language>/<namespace>.json`. A new language
 * is a new folder; nothing here names one. The dashboard's words (`dashboard.json`) are the
 * county's web app's, not the kiosk's (dashboard/i18n checks their keys), and `public.json` and
 * `reports.json` the server's: its public pages', its PDFs' and its mails'.
 */
const files = import.meta.glob<ResourceKey>(
  ['../../locales/*/*.json', '!**/dashboard.json', '!**/public.json', '!**/reports.json'],
  {
    eager: true,
    import: 'default',
  },
);

const LOCALE_FILE = /\/locales\/([a-z]{2,3})\/([A-Za-z0-9_-]+)\.json$/;

/** Locale files keyed by language then namespace, as i18next takes them. */
export function buildResources(found: Record<string, ResourceKey>): Resource {
  const resources: Resource = {};
  for (const [file, content] of Object.entries(found)) {
    const match = LOCALE_FILE.exec(file);
    if (!match) {
      continue;
    }
    const [, language = '', namespace = ''] = match;
    resources[language] = { ...resources[language], [namespace]: content };
  }
  return resources;
}

export const resources: Resource = buildResources(files);

/** The languages this build has words for, sorted. */
export const bundledLanguages: readonly string[] = Object.keys(resources).sort();
