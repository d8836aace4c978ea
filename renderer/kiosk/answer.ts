import { v7 as uuidv7 } from 'uuid';
import {
  ResponseSchema,
  flagsFor,
  isClockPlausible,
  parseWith,
  type LanguageCode,
  type Parsed,
  type Question,
  type Respondent,
  type Response,
  type ResponseSource,
  type TerminalConfig,
} from '../../core';

/** Epoch milliseconds now; `Date` itself is one. */
export type Clock = { now(): number };

export type AnswerInput = {
  config: TerminalConfig;
  question: Question;
  value: number;
  source: ResponseSource;
  language: LanguageCode;
  /** When it was answered, epoch ms. */
  nowMs: number;
  /** When the previous answer on this terminal was made, if any. */
  previousAnsweredAtMs: number | undefined;
  /** When this build was made: a clock before it has not been set. Unknown: trust the clock. */
  buildTimeMs: number | undefined;
  /** The technician's test mode is on: the answer is flagged `test` and left out of reports. */
  testMode?: boolean;
  /** Who is answering, when the visit asked (central-api.md `respondent`). */
  respondent?: Respondent;
  /**
   * The first answer of a visit. Only such an answer can repeat a previous one: a visit's
   * later answers come seconds apart by design (default true, as a box press always is).
   */
  startsVisit?: boolean;
};

/** The build time Vite wrote into this bundle, as epoch ms, or undefined when it did not. */
export function buildTimeMs(): number | undefined {
  const at = typeof __HYMY_BUILD_TIME__ === 'string' ? Date.parse(__HYMY_BUILD_TIME__) : NaN;
  return Number.isFinite(at) ? at : undefined;
}

/**
 * One answer as the Response of central-api.md, made at the moment of the tap: its id is a
 * UUIDv7 of that moment, its flags say whether it repeats the previous one or the clock is
 * doubtful. Validated here, before the write, so the store never holds what the server refuses.
 */
export function makeResponse(input: AnswerInput): Parsed<Response> {
  const { config, question, nowMs } = input;
  const flags = flagsFor({
    answeredAtMs: nowMs,
    previousAnsweredAtMs: input.startsVisit === false ? undefined : input.previousAnsweredAtMs,
    repeatWindowMs: config.timing.repeatWindowMs,
    clockTrusted: input.buildTimeMs === undefined || isClockPlausible(nowMs, input.buildTimeMs),
    testMode: input.testMode === true,
  });
  return parseWith(ResponseSchema, {
    id: uuidv7({ msecs: nowMs }),
    surveyId: config.survey.id,
    surveyVersion: config.survey.version,
    questionId: question.id,
    scale: question.scale,
    value: input.value,
    language: input.language,
    source: input.source,
    answeredAt: new Date(nowMs).toISOString(),
    flags,
    ...(input.respondent === undefined ? {} : { respondent: input.respondent }),
  });
}
