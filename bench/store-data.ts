import { randomBytes } from 'node:crypto';
import { addDays, localMidnightMs } from '../core/local-time';
import type { Response } from '../core/response';

/**
 * What the store bench stores: a county's year of answers, made up but shaped like the real
 * thing. Units keep opening hours (Mon–Fri 8–20 local time, weekends 10–16 at a quarter of a
 * weekday's traffic); a visit answers 2 or 3 questions of one survey (smiley4, then nps11, then
 * half the time an agree5 statement), some with a reason after a low face, some saying who
 * answered; ~2 % of answers are flagged repeat and ~0.5 % of visits are test presses. Every day
 * is made from its own seed, so a seed interrupted halfway goes on with exactly the same data.
 */

export const TIME_ZONE = 'Europe/Helsinki';
export const YEAR = 2025;
export const YEAR_DAYS = 365;
/** A county's unit collects ~66,667 answers a year: 150 units make 10 million. */
export const ANSWERS_PER_UNIT = 66_667;
export const TERMINALS_PER_UNIT = 2;

const REASONS = ['waiting', 'staff', 'information', 'premises', 'other'];

export const SURVEY = {
  id: 'visit',
  version: 1,
  questions: [
    {
      id: 'overall',
      scale: 'smiley4' as const,
      text: { fi: 'Millainen käyntisi oli?' },
      followUp: {
        id: 'reason',
        when: [1, 2],
        options: REASONS.map((id) => ({
          id,
          text: { fi: id },
        })),
      },
    },
    { id: 'recommend', scale: 'nps11' as const, text: { fi: 'Suosittelisitko meitä?' } },
    { id: 'listened', scale: 'agree5' as const, text: { fi: 'Minua kuunneltiin.' } },
  ],
  comment: { enabled: true },
  askRespondent: true,
};

export type SeedShape = { answers: number; units: number; terminals: number };

/** 150 units (300 terminals) for a county; more for a larger store, at a county's density. */
export function seedShape(answers: number): SeedShape {
  const units = Math.max(150, Math.round(answers / ANSWERS_PER_UNIT));
  return { answers, units, terminals: units * TERMINALS_PER_UNIT };
}

export function unitIdOf(unit: number): string {
  return `unit-${String(unit + 1).padStart(3, '0')}`;
}

/** The date of the year's day `day` (0 = 1 January), and whether it is a weekend. */
function dayOf(day: number): { date: string; weekend: boolean } {
  const date = addDays(`${YEAR}-01-01`, day);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return { date, weekend: weekday === 0 || weekday === 6 };
}

/** How many answers each day gets, summing to `answers` exactly. */
export function dayTotals(answers: number): number[] {
  const weights = Array.from({ length: YEAR_DAYS }, (_, day) => (dayOf(day).weekend ? 0.25 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const totals: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const weight of weights) {
    cumulative += weight;
    const upTo = Math.round((answers * cumulative) / total);
    totals.push(upTo - given);
    given = upTo;
  }
  return totals;
}

/** mulberry32: small, fast and good enough to spread made-up answers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (const [index, weight] of weights.entries()) {
    x -= weight;
    if (x < 0) {
      return index;
    }
  }
  return weights.length - 1;
}

const SMILEY4 = [6, 10, 30, 54]; // values 1–4
const NPS11 = [2, 1, 1, 2, 2, 4, 5, 9, 16, 22, 36]; // values 0–10
const AGREE5 = [4, 7, 15, 34, 40]; // values 1–5
const LANGUAGES = ['fi', 'sv', 'en'];
const LANGUAGE_WEIGHTS = [85, 10, 5];
const RESPONDENTS = ['patient', 'relative', 'other'] as const;

/**
 * A UUIDv7 of the answer's moment, as the kiosk makes them (renderer/kiosk/answer.ts): the
 * idempotency index then grows at its end, as it does in service. The last 12 hex digits are
 * the answer's number in the seed (unique), or random for fresh answers.
 */
export function uuidV7(ms: number, tail: number | null, rand: () => number): string {
  const time = ms.toString(16).padStart(12, '0');
  const hex = (digits: number) =>
    Math.floor(rand() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  const last = tail === null ? randomBytes(6).toString('hex') : tail.toString(16).padStart(12, '0');
  const variant = (8 + Math.floor(rand() * 4)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${last}`;
}

/** One seeded answer: the Response a terminal sent, and where it came from. */
export type SeedAnswer = { terminal: number; response: Response; receivedMs: number };

/**
 * The answers of visits made at `startMs` + [0, spanMs) on the given terminals, until `count`
 * answers are made; in time order.
 */
export function makeVisits(
  count: number,
  startMs: number,
  spanMs: number,
  terminals: readonly number[],
  rand: () => number,
  firstNumber: number | null,
): SeedAnswer[] {
  const visits: { ms: number; terminal: number; size: number }[] = [];
  let made = 0;
  while (made < count) {
    const size = Math.min(count - made, rand() < 0.5 ? 2 : 3);
    visits.push({
      ms: startMs + Math.floor(rand() * spanMs),
      terminal: terminals[Math.floor(rand() * terminals.length)]!,
      size,
    });
    made += size;
  }
  visits.sort((a, b) => a.ms - b.ms);
  const answers: SeedAnswer[] = [];
  for (const visit of visits) {
    const language = LANGUAGES[pick(rand, LANGUAGE_WEIGHTS)]!;
    const respondent = rand() < 0.5 ? RESPONDENTS[pick(rand, [70, 20, 10])] : undefined;
    const test = rand() < 0.005;
    for (let q = 0; q < visit.size; q += 1) {
      const question = SURVEY.questions[q]!;
      const ms = visit.ms + q * 4000 + Math.floor(rand() * 3000);
      const value =
        q === 0 ? 1 + pick(rand, SMILEY4) : q === 1 ? pick(rand, NPS11) : 1 + pick(rand, AGREE5);
      const flags: Response['flags'] = [];
      if (rand() < 0.02) {
        flags.push('repeat');
      }
      if (test) {
        flags.push('test');
      }
      const low = q === 0 && value <= 2;
      const number = firstNumber === null ? null : firstNumber + answers.length;
      answers.push({
        terminal: visit.terminal,
        receivedMs: ms + 2000 + Math.floor(rand() * 60_000),
        response: {
          id: uuidV7(ms, number, rand),
          surveyId: SURVEY.id,
          surveyVersion: SURVEY.version,
          questionId: question.id,
          scale: question.scale,
          value,
          language,
          source: q === 0 && rand() < 0.6 ? 'button' : 'touch',
          answeredAt: new Date(ms).toISOString(),
          flags,
          ...(respondent === undefined ? {} : { respondent }),
          ...(low && rand() < 0.7
            ? { followUp: { questionId: 'reason', value: REASONS[pick(rand, [4, 3, 2, 1, 1])]! } }
            : {}),
          ...(q === 0 && rand() < (low ? 0.15 : 0.01)
            ? { comment: 'Odotusaika oli pitkä, mutta henkilökunta oli ystävällistä.' }
            : {}),
        },
      });
    }
  }
  return answers;
}

/** The answers of the year's day `day` over every terminal, numbered from `firstNumber`. */
export function dayAnswers(
  shape: SeedShape,
  day: number,
  count: number,
  firstNumber: number,
): SeedAnswer[] {
  const { date, weekend } = dayOf(day);
  const midnight = localMidnightMs(date, TIME_ZONE);
  const [open, close] = weekend ? [10, 16] : [8, 20];
  const terminals = Array.from({ length: shape.terminals }, (_, t) => t);
  return makeVisits(
    count,
    midnight + open * 3_600_000,
    (close - open) * 3_600_000,
    terminals,
    random(day * 7919 + shape.answers),
    firstNumber,
  );
}
