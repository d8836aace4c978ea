import { formatterFor } from '../../core/local-time';

/**
 * When a contact request is due (central-reports.md): `days` calendar days after the answer in
 * the unit's time zone, at the same local wall-clock time — an answer at 14:05 on a Friday is
 * due at 14:05 on the Friday a week on, also across a change of summer time. A wall time the
 * clocks skip that day lands an hour on (the instant the offset of the day before gives).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The zone's offset from UTC at `ms`, in ms (east positive). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

export function dueAtMs(answeredMs: number, days: number, timeZone: string): number {
  const guess = answeredMs + days * DAY_MS;
  const wall = guess + zoneOffsetMs(answeredMs, timeZone);
  // The instant whose clock reads `wall`: the offset there may not be the answer's.
  const offset = zoneOffsetMs(guess, timeZone);
  const due = wall - offset;
  const there = zoneOffsetMs(due, timeZone);
  // In a skipped hour no instant reads `wall`: the offset before the jump puts it an hour on.
  return there === offset ? due : wall - Math.min(offset, there);
}
