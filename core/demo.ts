import type { TerminalConfigInput } from './terminal-config';

/**
 * The built-in demo unit that `npm start` runs when the data dir holds no terminal config.
 * It stands in for the config a central API would send after enrollment.
 */
export const DEMO_CONFIG: TerminalConfigInput = {
  terminalId: 'demo',
  unit: {
    id: 'demo-unit',
    name: { fi: 'Esittelyyksikkö', sv: 'Demoenheten', en: 'Demo unit' },
  },
  survey: {
    id: 'visit-smiley',
    version: 1,
    questions: [{ id: 'overall', scale: 'smiley4' }],
  },
};
