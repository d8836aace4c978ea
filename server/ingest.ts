import { UploadRequestSchema, type UploadAnswer } from '../core/central-api';
import { DEFAULT_REPLY_WITHIN_DAYS } from '../core/contact';
import { ResponseSchema, type Response } from '../core/response';
import { parseWith } from '../core/validation';
import type { ServerContext } from './context';
import { invalidInput, type Result } from './errors';
import { surveyKey, type SurveyHistory } from './store/survey-history';
import { replyWithinDaysOf, type TerminalRecord } from './store/terminals';

/** The answer's id lists allow 64 characters; a longer id could not be named back. */
const MAX_ID_LENGTH = 64;
const MAX_MESSAGE_LENGTH = 1000;

/**
 * The span an answer's time can plausibly lie in: no terminal answered before 2020, and a
 * day ahead of the server's clock allows for a terminal's drift. A time outside it would skew
 * reports wherever it landed. A terminal that knows its clock is wrong flags `clock_unsynced`
 * too; this bound is only the server's own check.
 */
const EARLIEST_ANSWER_MS = Date.parse('2020-01-01T00:00:00Z');
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

type Rejected = UploadAnswer['rejected'][number];
export type SortedBatch = { valid: Response[]; rejected: Rejected[] };

function itemId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return undefined;
  }
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/** Why an answer that parses can still never be accepted from this terminal, if it cannot. */
function surveyProblem(response: Response, history: SurveyHistory): Rejected | undefined {
  const { id, surveyId, surveyVersion, questionId, scale } = response;
  const survey = `${surveyId} version ${surveyVersion}`;
  const questions = history.get(surveyKey(surveyId, surveyVersion));
  if (questions === undefined) {
    return { id, code: 'unknown_survey', message: `${survey} was never this terminal's survey` };
  }
  const expected = questions.get(questionId);
  if (expected === undefined) {
    return { id, code: 'unknown_question', message: `${survey} has no question ${questionId}` };
  }
  if (expected !== scale) {
    return {
      id,
      code: 'scale_mismatch',
      message: `question ${questionId} of ${survey} is on ${expected}, not ${scale}`,
    };
  }
  return undefined;
}

function timeProblem(response: Response, nowMs: number): Rejected | undefined {
  const answeredMs = Date.parse(response.answeredAt);
  if (answeredMs >= EARLIEST_ANSWER_MS && answeredMs <= nowMs + FUTURE_TOLERANCE_MS) {
    return undefined;
  }
  return {
    id: response.id,
    code: 'implausible_time',
    message: `answeredAt ${response.answeredAt} is before 2020 or more than a day ahead of the server`,
  };
}

/**
 * Splits a batch into answers to store and answers to reject, each id once: an id repeated
 * inside a batch is decided by its first occurrence. The same id in another case is a string
 * of its own for the terminal, so it is stored (and found a duplicate) like any other. A body
 * with an item that has no usable id is refused whole (400), since that item could not appear
 * in any of the answer's lists.
 */
export function sortBatch(
  items: readonly unknown[],
  history: SurveyHistory,
  nowMs: number,
): Result<SortedBatch> {
  const ids: string[] = [];
  for (const [index, item] of items.entries()) {
    const id = itemId(item);
    if (id === undefined) {
      return invalidInput(
        'body',
        `responses.${index}.id`,
        `every response needs a string id of 1 to ${MAX_ID_LENGTH} characters`,
      );
    }
    ids.push(id);
  }
  const seen = new Set<string>();
  const valid: Response[] = [];
  const rejected: Rejected[] = [];
  for (const [index, item] of items.entries()) {
    const id = ids[index]!;
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    const parsed = parseWith(ResponseSchema, item);
    if (!parsed.ok) {
      const message = `${parsed.field}: ${parsed.message}`.slice(0, MAX_MESSAGE_LENGTH);
      // A contact that is not a sealed box of at most 1 KiB has its own code: the terminal's
      // sealing went wrong, not its answer.
      const code = parsed.field === 'contactSealed' ? 'contact_invalid' : 'invalid_response';
      rejected.push({ id, code, message });
      continue;
    }
    const problem = surveyProblem(parsed.value, history) ?? timeProblem(parsed.value, nowMs);
    if (problem) {
      rejected.push(problem);
    } else {
      valid.push(parsed.value);
    }
  }
  return { ok: true, value: { valid, rejected } };
}

/**
 * `POST /v1/terminal/responses`. Idempotent by id: an answer is stored once however often it is
 * sent, so at-least-once delivery from the terminal gives exactly-once counts. The terminal
 * hears `accepted` only after the batch's transaction has committed.
 */
export async function ingestBatch(
  ctx: ServerContext,
  terminal: TerminalRecord,
  body: unknown,
): Promise<Result<UploadAnswer>> {
  // The envelope only (core's, the one the OpenAPI document shows): each item is parsed on its
  // own in sortBatch, so one bad answer is rejected alone and the other 499 are still stored.
  const envelope = parseWith(UploadRequestSchema, body);
  if (!envelope.ok) {
    return invalidInput('body', envelope.field, envelope.message);
  }
  const now = ctx.now();
  const history = await ctx.stores.surveys.ofTerminal(terminal.id);
  const sorted = sortBatch(envelope.value.responses, history, now.getTime());
  if (!sorted.ok) {
    return sorted;
  }
  const arrival = {
    terminalId: terminal.id,
    unitId: terminal.unitId,
    receivedAt: now.toISOString(),
    timeZone: terminal.timeZone,
    // Read from the config only when an answer asks to be contacted (rare): parsing it is not free.
    replyWithinDays: sorted.value.valid.some((r) => r.contactSealed !== undefined)
      ? replyWithinDaysOf(terminal)
      : DEFAULT_REPLY_WITHIN_DAYS,
  };
  // The terminal hears `accepted` only once the answers and their rollups have committed
  // together (store/batch-writer.ts).
  const stored = await ctx.storeAnswers(arrival, sorted.value.valid);
  // Alerts count the new answers after this answer is sent (server/alerts/monitor.ts).
  ctx.answersStored?.(terminal.unitId, sorted.value.valid, stored.accepted);
  ctx.logger.info('responses_stored', {
    terminalId: terminal.id,
    accepted: stored.accepted.length,
    duplicate: stored.duplicate.length,
    rejected: sorted.value.rejected.length,
  });
  return { ok: true, value: { ...stored, rejected: sorted.value.rejected } };
}
