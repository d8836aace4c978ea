import type { LanguageCode, Question, Response, ResponseSource, TerminalConfig } from '../../core';
import type { ResponseStore } from '../store/response-store';
import type { StoreFaultCode } from '../store/store-fault';
import { makeResponse, type Clock } from './answer';

export type RecordRequest = {
  config: TerminalConfig;
  question: Question;
  value: number;
  source: ResponseSource;
  language: LanguageCode;
};

export type RecordResult = { ok: true; response: Response } | { ok: false; code: StoreFaultCode };

export type AnswerRecorder = {
  /** Makes and stores one answer; answers are written one at a time, in the order asked. */
  record(request: RecordRequest): Promise<RecordResult>;
};

export type RecorderDeps = {
  store: ResponseStore;
  clock: Clock;
  buildTimeMs: number | undefined;
  /** Whether the technician's test mode is on at the moment of an answer. */
  testMode?: () => boolean;
};

/**
 * The press pipeline from a chosen value to a committed row. It remembers when the last
 * answer was stored (read from the store once, so a restart does not forget it) for the
 * repeat flag, and runs the writes in sequence so a quick second press is never reordered.
 */
export function createAnswerRecorder({
  store,
  clock,
  buildTimeMs,
  testMode = () => false,
}: RecorderDeps): AnswerRecorder {
  let previous: Promise<number | undefined> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function recordNow(
    request: RecordRequest,
    nowMs: number,
    test: boolean,
  ): Promise<RecordResult> {
    previous ??= store.lastAnsweredAt().catch(() => undefined);
    const previousAnsweredAtMs = await previous;
    const made = makeResponse({
      ...request,
      nowMs,
      previousAnsweredAtMs,
      buildTimeMs,
      testMode: test,
    });
    if (!made.ok) {
      // A bug, not a fault of the disk: nothing is stored, and the person may try again.
      return { ok: false, code: 'write_failed' };
    }
    const saved = await store
      .save(made.value)
      .catch(() => ({ ok: false, code: 'write_failed' }) as const);
    if (!saved.ok) {
      return saved;
    }
    previous = Promise.resolve(Date.parse(made.value.answeredAt));
    return { ok: true, response: made.value };
  }

  return {
    record(request) {
      // The moment of the tap, not of the write: a queued press keeps its own time.
      const nowMs = clock.now();
      const test = testMode();
      const result = queue.then(() => recordNow(request, nowMs, test));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
