import type { TerminalConfigInput } from '../../../core';

/** A unit's config with timings short enough for a test to watch them pass. */
export function testConfig(overrides: Partial<TerminalConfigInput> = {}): TerminalConfigInput {
  return {
    terminalId: 't_e2e',
    unit: {
      id: 'khks-lapset',
      name: { fi: 'Lastenyksikkö', sv: 'Barnenheten', en: "Children's unit" },
    },
    survey: {
      id: 'visit-smiley',
      version: 3,
      questions: [{ id: 'overall', scale: 'smiley4' }],
    },
    timing: { thankYouMs: 400, idleResetMs: 2000, repeatWindowMs: 4000 },
    ...overrides,
  };
}

/** The kiosk's three languages, each with the name its button shows. */
export const KIOSK_LANGUAGES = [
  { ownName: 'Suomi', code: 'fi' },
  { ownName: 'Svenska', code: 'sv' },
  { ownName: 'English', code: 'en' },
] as const;
