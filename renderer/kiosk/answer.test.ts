import { describe, expect, it } from 'vitest';
import { TerminalConfigSchema, type Question, type Response } from '../../core';
import { MemoryStore } from '../testing/stores';
import { buildTimeMs, makeResponse } from './answer';
import { createAnswerRecorder } from './answer-recorder';

const config = TerminalConfigSchema.parse({
  terminalId: 't1',
  unit: { id: 'u', name: { fi: 'Yksikkö' } },
  survey: { id: 'visit-smiley', version: 3, questions: [{ id: 'overall', scale: 'smiley4' }] },
  timing: { repeatWindowMs: 4000 },
});
const question = config.survey.questions[0] as Question;
const NOW = Date.parse('2026-11-23T10:15:00.123Z');
const BUILT = Date.parse('2026-11-01T00:00:00.000Z');

function made(overrides: Partial<Parameters<typeof makeResponse>[0]> = {}): Response {
  const result = makeResponse({
    config,
    question,
    value: 3,
    source: 'touch',
    language: 'sv',
    nowMs: NOW,
    previousAnsweredAtMs: undefined,
    buildTimeMs: BUILT,
    ...overrides,
  });
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.value;
}

describe('making an answer', () => {
  it('records the survey, question, value, language and source of the tap', () => {
    expect(made()).toMatchObject({
      surveyId: 'visit-smiley',
      surveyVersion: 3,
      questionId: 'overall',
      scale: 'smiley4',
      value: 3,
      language: 'sv',
      source: 'touch',
      answeredAt: '2026-11-23T10:15:00.123Z',
      flags: [],
    });
  });

  it('gives each answer a UUIDv7 of the moment it was made', () => {
    const { id } = made();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(NOW);
    expect(made().id).not.toBe(id);
  });

  it('flags an answer within the repeat window of the previous one', () => {
    expect(made({ previousAnsweredAtMs: NOW - 3999 }).flags).toEqual(['repeat']);
    expect(made({ previousAnsweredAtMs: NOW - 4000 }).flags).toEqual([]);
  });

  it('never flags a later answer of the same visit as a repeat, and carries who answered', () => {
    const later = made({ previousAnsweredAtMs: NOW - 1000, startsVisit: false });
    expect(later.flags).toEqual([]);
    expect(made({ respondent: 'relative' }).respondent).toBe('relative');
    expect(made()).not.toHaveProperty('respondent');
  });

  it('flags an answer made while the clock reads earlier than the build', () => {
    expect(made({ nowMs: Date.parse('2001-01-01T00:00:00Z') }).flags).toEqual(['clock_unsynced']);
  });

  it('refuses a value that is not on the scale', () => {
    const result = makeResponse({
      config,
      question,
      value: 5,
      source: 'button',
      language: 'fi',
      nowMs: NOW,
      previousAnsweredAtMs: undefined,
      buildTimeMs: BUILT,
    });
    expect(result).toMatchObject({ ok: false, field: 'value' });
  });

  it('trusts the clock when the build did not say when it was made', () => {
    expect(
      made({ nowMs: Date.parse('2001-01-01T00:00:00Z'), buildTimeMs: undefined }).flags,
    ).toEqual([]);
    const defined = buildTimeMs();
    expect(defined === undefined || Number.isFinite(defined)).toBe(true);
  });
});

describe('recording answers', () => {
  const request = { config, question, source: 'touch', language: 'fi' } as const;

  it('flags a repeat of an answer stored before a restart', async () => {
    const store = new MemoryStore(NOW - 1000);
    const recorder = createAnswerRecorder({ store, clock: { now: () => NOW }, buildTimeMs: BUILT });
    const result = await recorder.record({ ...request, value: 2 });
    expect(result).toMatchObject({ ok: true, response: { flags: ['repeat'] } });
  });

  it('stores quick answers in the order they came, each with its own time', async () => {
    const store = new MemoryStore();
    let now = NOW;
    const recorder = createAnswerRecorder({
      store,
      clock: { now: () => (now += 10_000) },
      buildTimeMs: BUILT,
    });
    const results = await Promise.all(
      [1, 2, 3, 4].map((value) => recorder.record({ ...request, value })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.rows.map((row) => row.value)).toEqual([1, 2, 3, 4]);
    expect(store.rows.map((row) => row.flags)).toEqual([[], [], [], []]);
  });

  it('does not count an answer that was not stored as the previous one', async () => {
    const store = new MemoryStore();
    let now = NOW;
    const recorder = createAnswerRecorder({
      store,
      clock: { now: () => (now += 1000) },
      buildTimeMs: BUILT,
    });
    store.fail = { ok: false, code: 'quota_exceeded' };
    await expect(recorder.record({ ...request, value: 1 })).resolves.toEqual({
      ok: false,
      code: 'quota_exceeded',
    });
    store.fail = undefined;
    const result = await recorder.record({ ...request, value: 1 });
    expect(result).toMatchObject({ ok: true, response: { flags: [] } });
  });
});
