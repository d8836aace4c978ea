import type {
  LanguageCode,
  Question,
  Respondent,
  Response,
  ResponseSource,
  TerminalConfig,
} from '../../core';
import type {
  AmendResult,
  ResponseAmendment,
  ResponseStore,
  SaveFaultCode,
} from '../store/response-store';
import { makeResponse, type Clock } from './answer';

export type RecordRequest = {
  config: TerminalConfig;
  question: Question;
  value: number;
  source: ResponseSource;
  language: LanguageCode;
  respondent?: Respondent;
  /** The first answer of a visit (default true): see AnswerInput.startsVisit. */
  startsVisit?: boolean;
  /** When it was answered, epoch ms (default: now, by the recorder's clock). */
  atMs?: number;
};

export type RecordResult = { ok: true; response: Response } | { ok: false; code: SaveFaultCode };

export type AnswerRecorder = {
  /** Makes and stores one answer; answers are written one at a time, in the order asked. */
  record(request: RecordRequest): Promise<RecordResult>;
  /** Adds a follow-up or a comment to a stored answer, in turn behind the writes before it. */
  amend(id: string, amendment: ResponseAmendment): Promise<AmendResult>;
  /**
   * Holds the answers made from `fromMs` on out of the outbox (null: lifts the hold), in turn
   * behind the writes before it: what the last visit added is stored before its answers go.
   */
  hold(fromMs: number | null): void;
  /** The recorder's clock: a visit's hold and its first answer take the same moment. */
  now(): number;
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
 * visit's first answer was stored (read from the store once, so a restart does not forget it)
 * for the repeat flag, and runs the writes in sequence so a quick second press is never
 * reordered. After a restart the last stored answer stands in for it: at worst a visit begun
 * within the repeat window of another's last answer is flagged `repeat`.
 */
export function createAnswerRecorder({
  store,
  clock,
  buildTimeMs,
  testMode = () => false,
}: RecorderDeps): AnswerRecorder {
  let previous: Promise<number | undefined> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function inTurn<T>(job: () => Promise<T>): Promise<T> {
    const result = queue.then(job);
    queue = result.catch(() => undefined);
    return result;
  }

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
    if (request.startsVisit !== false) {
      previous = Promise.resolve(Date.parse(made.value.answeredAt));
    }
    return { ok: true, response: made.value };
  }

  return {
    record(request) {
      // The moment of the tap, not of the write: a queued press keeps its own time.
      const nowMs = request.atMs ?? clock.now();
      const test = testMode();
      return inTurn(() => recordNow(request, nowMs, test));
    },
    amend(id, amendment) {
      return inTurn(() =>
        store.amend(id, amendment).catch(() => ({ ok: false, code: 'write_failed' }) as const),
      );
    },
    hold(fromMs) {
      const fromIso = fromMs === null ? null : new Date(fromMs).toISOString();
      void inTurn(() => {
        store.hold(fromIso);
        return Promise.resolve();
      });
    },
    now: () => clock.now(),
  };
}
