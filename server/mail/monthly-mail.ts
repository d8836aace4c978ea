import { DEFAULT_TIME_ZONE, localTime } from '../../core/local-time';
import type { Timers } from '../../core/timers';
import type { ServerContext } from '../context';
import type { Database } from '../database';
import type { Logger } from '../log';
import { fileNamePart } from '../pdf/html';
import { textIn } from '../pdf/report-words';
import { monthReportData, type MonthReportData } from '../reports/month-report-data';
import { addMonths } from '../reports/month-report-query';
import { DIGEST_HOUR, morningLoop, type MorningLoop } from './morning-loop';
import type { MonthReportAttachment } from './monthly-attachment';
import { monthlyFileName, monthlyMail } from './monthly-texts';
import { createOutbox } from './outbox';
import { digestRecipients } from './recipients';
import { mailLanguage } from './texts';

/**
 * The monthly report by mail: on the first day of each month at 07:00 Helsinki time, each unit
 * account gets one mail per unit of its own with the last month's headline figures, the month's
 * report attached as a PDF (drawn when the mail is sent: monthly-attachment.ts). A server that
 * was down then makes them when it starts within the month's first week. mail_month_reports
 * holds one row per account, unit and month, written in the transaction that queues the mail:
 * a restart the same day makes none again.
 */

/** The mails of a month are still made this many days into the next one. */
export const MONTHLY_CATCH_UP_DAYS = 7;

/** The month whose reports are due at `nowMs` (`YYYY-MM`), or null outside the window. */
export function monthDue(nowMs: number): string | null {
  const local = localTime(nowMs, DEFAULT_TIME_ZONE);
  const day = Number(local.date.slice(8, 10));
  const due = day === 1 ? local.hour >= DIGEST_HOUR : day <= MONTHLY_CATCH_UP_DAYS;
  return due ? addMonths(local.date.slice(0, 7), -1) : null;
}

export type MonthlyScheduler = MorningLoop;

export function createMonthlyScheduler(parts: {
  database: Database;
  /** What the report is read through (the month's figures). */
  ctx: ServerContext;
  now: () => Date;
  timers: Timers;
  logger: Logger;
  /** The dashboard's page of a unit, for the mail's link. */
  unitLink: (unitId: string) => string;
  /** A mail was queued: the sender should look. */
  queued: () => void;
}): MonthlyScheduler {
  const { database, ctx, now, timers, logger } = parts;

  /** Makes the month's mails not made yet, in the window after the 1st, 07:00. */
  const makeDue = async (stopping: () => boolean): Promise<void> => {
    const at = now();
    const month = monthDue(at.getTime());
    if (month === null) {
      return;
    }
    const made = new Set(
      (
        await database.db
          .selectFrom('mail_month_reports')
          .select(['email', 'unit_id'])
          .where('month', '=', month)
          .execute()
      ).map((row) => `${row.email}\u0000${row.unit_id}`),
    );
    // Each unit's figures once, however many accounts it has.
    const reports = new Map<string, MonthReportData | null>();
    const reportOf = async (unitId: string): Promise<MonthReportData | null> => {
      if (!reports.has(unitId)) {
        const data = await monthReportData(ctx, unitId, { month, comments: false });
        reports.set(unitId, data.ok ? data.value : null);
      }
      return reports.get(unitId) ?? null;
    };
    let queued = 0;
    for (const recipient of await digestRecipients(database.db)) {
      for (const unitId of recipient.units) {
        if (stopping()) {
          return;
        }
        if (made.has(`${recipient.email}\u0000${unitId}`)) {
          continue;
        }
        // A unit no terminal was ever configured for has no row, and nothing to report.
        const data = await reportOf(unitId);
        if (data === null) {
          continue;
        }
        const language = mailLanguage(recipient.language);
        const first = data.first;
        const words = data.questions.find((q) => q.questionId === first.questionId)?.text ?? null;
        const mail = monthlyMail(language, {
          unitName: textIn(data.name, language, unitId),
          month,
          question: words === null ? null : textIn(words, language, '') || null,
          n: first.n,
          positiveShare: first.positiveShare,
          nps: first.nps,
          feedback: data.feedback.total,
          link: parts.unitLink(unitId),
        });
        const attachment: MonthReportAttachment = {
          kind: 'month-report',
          unitId,
          month,
          filename: monthlyFileName(language, fileNamePart(unitId), month),
          language,
        };
        queued += await database.db.transaction().execute(async (trx) => {
          const marked = await trx
            .insertInto('mail_month_reports')
            .values({ email: recipient.email, unit_id: unitId, month, queued_at: at.toISOString() })
            .onConflict((oc) => oc.columns(['email', 'unit_id', 'month']).doNothing())
            .returning('email')
            .executeTakeFirst();
          if (marked === undefined) {
            return 0;
          }
          await createOutbox(trx).add('month-report', recipient.email, mail, at, attachment);
          return 1;
        });
      }
    }
    if (queued > 0) {
      logger.info('mail_month_reports_queued', { month, mails: queued });
      parts.queued();
    }
  };

  return morningLoop({
    check: makeDue,
    now,
    timers,
    logger,
    events: { failed: 'mail_month_reports_failed', checked: 'mail_month_reports_checked' },
  });
}
