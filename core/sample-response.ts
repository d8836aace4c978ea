import type { Response } from './response';

/** For tests: the id of the n-th sample answer (a valid UUIDv7 shape, distinct per n). */
export function sampleResponseId(n: number): string {
  return `0193a6f2-7c1e-7d2a-9b1e-${String(n).padStart(12, '0')}`;
}

/** For tests: one valid answer, as the kiosk makes it, with any field overridden. */
export function sampleResponse(overrides: Partial<Response> = {}): Response {
  return {
    id: sampleResponseId(0),
    surveyId: 'visit-smiley',
    surveyVersion: 3,
    questionId: 'overall',
    scale: 'smiley4',
    value: 4,
    language: 'fi',
    source: 'touch',
    answeredAt: '2026-11-23T10:15:00.123Z',
    flags: [],
    ...overrides,
  };
}
