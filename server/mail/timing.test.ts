import { describe, expect, it } from 'vitest';
import { nextDigestMs } from './morning-loop';
import { retryDelayMs } from './outbox';
import { escapeHtml } from '../html';

describe('when mail is made and tried', () => {
  it.each([
    [
      'before 07:00 in winter: today at 07:00 (05:00 UTC)',
      '2026-11-23T04:59:00Z',
      '2026-11-23T05:00:00Z',
    ],
    ['at 07:00: tomorrow', '2026-11-23T05:00:00Z', '2026-11-24T05:00:00Z'],
    ['in summer 07:00 is 04:00 UTC', '2026-06-10T12:00:00Z', '2026-06-11T04:00:00Z'],
    ['the night the clocks go forward', '2026-03-28T22:30:00Z', '2026-03-29T04:00:00Z'],
    ['the night the clocks go back', '2026-10-24T22:30:00Z', '2026-10-25T05:00:00Z'],
  ])('the digest: %s', (_name, now, next) => {
    expect(new Date(nextDigestMs(Date.parse(now))).toISOString()).toBe(
      new Date(Date.parse(next)).toISOString(),
    );
  });

  it('a failed mail waits 30 s, doubling, at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('HTML is escaped', () => {
    expect(escapeHtml(`<a href="x">Tom's & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;',
    );
  });
});
