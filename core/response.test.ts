import { describe, expect, it } from 'vitest';
import { ResponseSchema } from './response';

const example = {
  id: '0193a6f2-7c1e-7d2a-9b1e-3f2a1c4d5e6f',
  surveyId: 'visit-smiley',
  surveyVersion: 3,
  questionId: 'overall',
  scale: 'smiley4',
  value: 4,
  language: 'fi',
  source: 'button',
  answeredAt: '2026-11-23T10:15:00.123Z',
  flags: [],
  followUp: { questionId: 'reason', value: 'waiting-time' },
  comment: 'Odotusaika oli pitkä',
};

describe('response', () => {
  it('accepts the example of central-api.md', () => {
    expect(ResponseSchema.parse(example)).toEqual(example);
  });

  it.each([
    ['smiley3', 4],
    ['smiley4', 0],
    ['nps11', 11],
    ['agree5', 2.5],
  ])('refuses a %s answer of %s', (scale, value) => {
    expect(ResponseSchema.safeParse({ ...example, scale, value }).success).toBe(false);
  });

  it('accepts nps 0 and 10', () => {
    expect(ResponseSchema.safeParse({ ...example, scale: 'nps11', value: 0 }).success).toBe(true);
    expect(ResponseSchema.safeParse({ ...example, scale: 'nps11', value: 10 }).success).toBe(true);
  });

  it('refuses times that are not RFC 3339 UTC', () => {
    expect(ResponseSchema.safeParse({ ...example, answeredAt: '23.11.2026 10:15' }).success).toBe(
      false,
    );
    expect(
      ResponseSchema.safeParse({ ...example, answeredAt: '2026-11-23T12:15:00+02:00' }).success,
    ).toBe(false);
  });

  it('refuses a comment over 500 characters, unknown flags and repeated flags', () => {
    expect(ResponseSchema.safeParse({ ...example, comment: 'a'.repeat(501) }).success).toBe(false);
    expect(ResponseSchema.safeParse({ ...example, flags: ['vip'] }).success).toBe(false);
    expect(ResponseSchema.safeParse({ ...example, flags: ['repeat', 'repeat'] }).success).toBe(
      false,
    );
  });

  it('defaults flags to none', () => {
    const { flags: _flags, ...withoutFlags } = example;
    expect(ResponseSchema.parse(withoutFlags).flags).toEqual([]);
  });
});
