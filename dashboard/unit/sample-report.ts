import type { UnitQuestions, UnitReport } from '../../core/reports-api';

/**
 * A small unit report as the server sends it, for the tests of the unit page and its charts:
 * 24 answers (fewer than 30, so the page warns), an empty week between two, three busy hours,
 * two follow-up reasons and a target of 70 % positive.
 */
export const SAMPLE_REPORT: UnitReport = {
  unitId: 'ward-7',
  name: { fi: 'Osasto 7', sv: 'Avdelning 7', en: 'Ward 7' },
  target: { measure: 'positiveShare', value: 0.7 },
  questionId: 'overall',
  scale: 'smiley4',
  from: '2026-09-28T00:00:00.000Z',
  to: '2026-10-19T00:00:00.000Z',
  timeZone: 'Europe/Helsinki',
  n: 24,
  byValue: { '1': 2, '2': 3, '3': 7, '4': 12 },
  mean: 3.2083,
  positiveShare: { value: 0.7917, low: 0.5953, high: 0.9076 },
  negativeShare: { value: 0.2083, low: 0.0924, high: 0.4047 },
  excluded: { repeat: 2, test: 1 },
  weeks: [
    { start: '2026-09-28', n: 10, positiveShare: { value: 0.8, low: 0.4902, high: 0.9433 } },
    { start: '2026-10-05', n: 0, positiveShare: null },
    { start: '2026-10-12', n: 14, positiveShare: { value: 0.7857, low: 0.5241, high: 0.9243 } },
  ],
  heatmap: [
    { weekday: 1, hour: 8, n: 5, positiveShare: { value: 0.6, low: 0.2307, high: 0.8824 } },
    { weekday: 1, hour: 9, n: 10, positiveShare: { value: 0.9, low: 0.5958, high: 0.9821 } },
    { weekday: 3, hour: 14, n: 9, positiveShare: { value: 0.7778, low: 0.453, high: 0.9368 } },
  ],
  followUps: [
    { questionId: 'reason', value: 'waiting-time', n: 3 },
    { questionId: 'reason', value: 'staff', n: 2 },
  ],
  respondents: { patient: 15, relative: 6, other: 1, unknown: 2 },
};

/** The same unit's questions: the smiley question first, then a recommendation and a statement. */
export const SAMPLE_QUESTIONS: UnitQuestions = [
  {
    questionId: 'overall',
    scale: 'smiley4',
    n: 24,
    positiveShare: { value: 0.7917, low: 0.5953, high: 0.9076 },
    negativeShare: { value: 0.2083, low: 0.0924, high: 0.4047 },
  },
  {
    questionId: 'recommend',
    text: {
      fi: 'Suosittelisitko meitä?',
      sv: 'Skulle du rekommendera oss?',
      en: 'Would you recommend us?',
    },
    scale: 'nps11',
    n: 40,
    positiveShare: { value: 0.5, low: 0.352, high: 0.648 },
    negativeShare: { value: 0.2, low: 0.105, high: 0.348 },
    nps: { value: 30, low: 7.1, high: 50.2 },
  },
  {
    questionId: 'met',
    scale: 'agree5',
    n: 0,
    positiveShare: null,
    negativeShare: null,
  },
];
