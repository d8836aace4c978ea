import { describe, expect, it } from 'vitest';
import { HeartbeatSchema, UploadAnswerSchema, UploadRequestSchema } from './central-api';

describe('central API bodies', () => {
  it('an upload holds 1 to 500 responses', () => {
    expect(UploadRequestSchema.safeParse({ responses: [] }).success).toBe(false);
  });

  it('an upload answer has all three lists', () => {
    expect(
      UploadAnswerSchema.safeParse({ accepted: ['a'], duplicate: [], rejected: [] }).success,
    ).toBe(true);
    expect(UploadAnswerSchema.safeParse({ accepted: ['a'], duplicate: [] }).success).toBe(false);
  });

  it("a heartbeat carries times in RFC 3339 UTC, the queue figures flat beside the rest (central-api.md's body)", () => {
    const beat = {
      appVersion: '0.1.0',
      queued: 3,
      oldestQueuedAt: '2026-11-23T10:15:00.123Z',
      lastSyncAt: null,
      buttonBox: { connected: true, model: 'HYMY-BOX', firmware: '1.0.0' },
      clock: '2026-11-23T10:16:00.000Z',
    };
    expect(HeartbeatSchema.parse(beat)).toEqual(beat);
    expect(HeartbeatSchema.safeParse({ ...beat, clock: 'yesterday' }).success).toBe(false);
  });
});
