import type { ResponseFlag } from './response';

const DAY_MS = 24 * 60 * 60 * 1000;
const CLOCK_PLAUSIBLE_YEARS = 15;

/**
 * A clock that reads earlier than the app was built, or absurdly later, has not been set
 * (a terminal without a battery-backed clock or network time). Answers made then are flagged.
 */
export function isClockPlausible(nowMs: number, buildTimeMs: number): boolean {
  return (
    nowMs >= buildTimeMs - DAY_MS && nowMs <= buildTimeMs + CLOCK_PLAUSIBLE_YEARS * 365 * DAY_MS
  );
}

export type FlagInput = {
  answeredAtMs: number;
  /** When the previous answer to the first question was made on this terminal, if any. */
  previousAnsweredAtMs: number | undefined;
  repeatWindowMs: number;
  clockTrusted: boolean;
  testMode: boolean;
};

/** The flags of central-api.md that a new answer carries. */
export function flagsFor(input: FlagInput): ResponseFlag[] {
  const flags: ResponseFlag[] = [];
  const previous = input.previousAnsweredAtMs;
  if (
    previous !== undefined &&
    input.answeredAtMs >= previous &&
    input.answeredAtMs - previous < input.repeatWindowMs
  ) {
    flags.push('repeat');
  }
  if (input.testMode) {
    flags.push('test');
  }
  if (!input.clockTrusted) {
    flags.push('clock_unsynced');
  }
  return flags;
}
