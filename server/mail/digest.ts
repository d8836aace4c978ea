import { DEFAULT_TIME_ZONE, localTime } from '../../core/local-time';
import type { Timers } from '../../core/timers';
import type { Database } from '../database';
import type { Logger } from '../log';
import type { Executor } from '../store/executor';
import { unitName } from '../store/units';
import { DIGEST_HOUR, morningLoop, type MorningLoop } from './morning-loop';
import { createOutbox } from './outbox';
import { digestRecipients, type DigestRecipient } from './recipients';
import { digestMail, mailLanguage, type DigestUnit } from './texts';

/**
 * The morning digest (central-reports.md, "Alerts"): at 07:00 Helsinki time each unit account
 * gets one mail of its units' new feedback since its last digest and of the contact requests
 * due within 2 days, and none when there is nothing to say. mail_digests holds one row per
 * account and local date, written in the transaction that queues the mail: a server started
 * after 07:00 that has not made today's makes it then, and one restarted the same day makes none.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Contact requests due within this long of the digest are in it (and those overdue). */
const DUE_SOON_MS = 2 * DAY_MS;

function nameIn(json: string, language: string): string {
  const name = unitName(json);
  return name[language] ?? name['fi'] ?? Object.values(name)[0] ?? '';
}

/** One account's digest lines, by unit; empty when there is nothing to say. */
async function digestUnits(
  db: Executor,
  recipient: DigestRecipient,
  nowMs: number,
): Promise<DigestUnit[]> {
  const last = await db
    .selectFrom('mail_digests')
    .select((eb) => eb.fn.max('sent_at').as('at'))
    .where('email', '=', recipient.email)
    .executeTakeFirst();
  // Without an earlier digest: what came in over the last day, not every item ever stored.
  const since = last?.at ?? new Date(nowMs - DAY_MS).toISOString();
  const fresh = await db
    .selectFrom('feedback_items as f')
    .innerJoin('responses as r', 'r.id', 'f.response_id')
    .select(['f.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('f.unit_id', 'in', recipient.units)
    .where('f.state', '=', 'new')
    .where('r.received_at', '>', since)
    .groupBy('f.unit_id')
    .execute();
  const due = await db
    .selectFrom('feedback_items')
    .select([
      'unit_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min<number>('due_at_ms').as('first'),
    ])
    .where('unit_id', 'in', recipient.units)
    .where('has_contact', '=', 1)
    .where('state', '<>', 'handled')
    .where('due_at_ms', 'is not', null)
    .where('due_at_ms', '<=', nowMs + DUE_SOON_MS)
    .groupBy('unit_id')
    .execute();
  const names = await db
    .selectFrom('units')
    .select(['id', 'name_json'])
    .where('id', 'in', recipient.units)
    .execute();
  const language = mailLanguage(recipient.language);
  return recipient.units.flatMap((unitId) => {
    const newItems = Number(fresh.find((row) => row.unit_id === unitId)?.n ?? 0);
    const soon = due.find((row) => row.unit_id === unitId);
    const contactsDue = Number(soon?.n ?? 0);
    if (newItems === 0 && contactsDue === 0) {
      return [];
    }
    const json = names.find((row) => row.id === unitId)?.name_json;
    return [
      {
        unitName: json === undefined ? unitId : nameIn(json, language) || unitId,
        newItems,
        contactsDue,
        firstDue:
          soon?.first === undefined || soon.first === null
            ? undefined
            : localTime(Number(soon.first), DEFAULT_TIME_ZONE).date,
      },
    ];
  });
}

export type DigestScheduler = MorningLoop;

export function createDigestScheduler(parts: {
  database: Database;
  now: () => Date;
  timers: Timers;
  logger: Logger;
  /** The dashboard's inbox, for the mail's link. */
  inboxLink: () => string;
  /** A mail was queued: the sender should look. */
  queued: () => void;
}): DigestScheduler {
  const { database, now, timers, logger } = parts;

  /** Makes today's digests not made yet, once it is 07:00 or later. */
  const makeDue = async (stopping: () => boolean): Promise<void> => {
    const at = now();
    const local = localTime(at.getTime(), DEFAULT_TIME_ZONE);
    if (local.hour < DIGEST_HOUR) {
      return;
    }
    const made = new Set(
      (
        await database.db
          .selectFrom('mail_digests')
          .select('email')
          .where('local_date', '=', local.date)
          .execute()
      ).map((row) => row.email),
    );
    let queued = 0;
    for (const recipient of await digestRecipients(database.db)) {
      if (stopping()) {
        return;
      }
      if (made.has(recipient.email)) {
        continue;
      }
      queued += await database.db.transaction().execute(async (trx) => {
        const units = await digestUnits(trx, recipient, at.getTime());
        const marked = await trx
          .insertInto('mail_digests')
          .values({ email: recipient.email, local_date: local.date, sent_at: at.toISOString() })
          .onConflict((oc) => oc.columns(['email', 'local_date']).doNothing())
          .returning('email')
          .executeTakeFirst();
        if (marked === undefined || units.length === 0) {
          return 0;
        }
        const mail = digestMail(mailLanguage(recipient.language), {
          date: local.date,
          units,
          link: parts.inboxLink(),
        });
        await createOutbox(trx).add('digest', recipient.email, mail, at);
        return 1;
      });
    }
    if (queued > 0) {
      logger.info('mail_digests_queued', { date: local.date, mails: queued });
      parts.queued();
    }
  };

  return morningLoop({
    check: makeDue,
    now,
    timers,
    logger,
    events: { failed: 'mail_digest_failed', checked: 'mail_digests_checked' },
  });
}
