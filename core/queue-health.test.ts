import { describe, expect, it } from 'vitest';
import { MAX_BATCH_RESPONSES, HeartbeatSchema, TerminalStatusSchema } from './central-api';
import { RendererStatusSchema, UploadArgsSchema } from './bridge';
import { EMPTY_QUEUE, QueueHealthSchema, queueHealthOf } from './queue-health';
import { sampleResponse } from './sample-response';

const answer = sampleResponse();

const figures = Object.keys(QueueHealthSchema.shape) as (keyof typeof QueueHealthSchema.shape)[];

describe('the queue figures, declared once', () => {
  it("are the very schemas of the page's sync status, the heartbeat and the admin list", () => {
    const sync = RendererStatusSchema.shape.sync.unwrap().unwrap();
    for (const figure of figures) {
      expect(sync.shape[figure], `sync status ${figure}`).toBe(QueueHealthSchema.shape[figure]);
      expect(HeartbeatSchema.shape[figure], `heartbeat ${figure}`).toBe(
        QueueHealthSchema.shape[figure],
      );
      // The admin list has them from the last heartbeat: `queued` is null until there is one.
      const listed = TerminalStatusSchema.shape[figure];
      expect(
        listed === QueueHealthSchema.shape[figure] ||
          ('unwrap' in listed && listed.unwrap() === QueueHealthSchema.shape[figure]),
        `admin list ${figure}`,
      ).toBe(true);
    }
  });

  it('are taken out of a larger status alone, and are empty before any report', () => {
    const status = {
      state: 'waiting',
      queued: 2,
      oldestQueuedAt: '2026-11-23T10:15:00.123Z',
      lastSyncAt: '2026-11-23T10:00:00.000Z',
      lastError: 'offline',
    };
    expect(queueHealthOf(status)).toEqual({
      queued: 2,
      oldestQueuedAt: '2026-11-23T10:15:00.123Z',
      lastSyncAt: '2026-11-23T10:00:00.000Z',
    });
    expect(queueHealthOf(null)).toEqual(EMPTY_QUEUE);
    expect(QueueHealthSchema.parse(EMPTY_QUEUE)).toEqual(EMPTY_QUEUE);
  });
});

describe('the batch limit, declared once', () => {
  it("bounds the bridge's upload and journal calls as it bounds the API's upload", () => {
    const batch = (count: number) => ({ responses: Array.from({ length: count }, () => answer) });
    expect(UploadArgsSchema.safeParse(batch(MAX_BATCH_RESPONSES)).success).toBe(true);
    expect(UploadArgsSchema.safeParse(batch(MAX_BATCH_RESPONSES + 1)).success).toBe(false);
  });
});
