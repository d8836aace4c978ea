import type { MailStatus } from '../../core/feedback-api';
import { localTime } from '../../core/local-time';
import type { Timers } from '../../core/timers';
import type { NewAlert } from '../alerts/alert-store';
import type { Database } from '../database';
import type { Logger } from '../log';
import type { ServerContext } from '../context';
import type { Executor } from '../store/executor';
import { unitName } from '../store/units';
import { createDigestScheduler, type DigestScheduler } from './digest';
import { monthlyAttachments } from './monthly-attachment';
import { createMonthlyScheduler, type MonthlyScheduler } from './monthly-mail';
import { createOutbox } from './outbox';
import { unitRecipients } from './recipients';
import { createMailSender, smtpTransport, type MailSender, type MailTransport } from './sender';
import { alertMail, mailLanguage } from './texts';

/**
 * E-mail of one server (`--smtp`): alerts as they open, the 07:00 digests and the monthly
 * reports (on the 1st, with the report's PDF drawn as the mail is sent) go into the outbox,
 * and the sender takes them from there. Without `--smtp` nothing is queued at all — a backlog
 * made while no server was named would mail stale alerts on the first start that names one —
 * and the mail status says e-mail is not configured.
 */

export const DEFAULT_MAIL_FROM = 'hymy@localhost';

export type MailOptions = {
  /** `smtp://HOST:PORT`; none: no e-mail. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
  /** Tests: a transport of their own instead of SMTP. */
  transport?: MailTransport;
};

export type MailService = {
  configured: boolean;
  /** Queues the alert's mails to the unit's accounts, in the caller's transaction. */
  alertOpened: (db: Executor, alert: NewAlert) => Promise<void>;
  /** After the transaction that queued mail committed. */
  queued: () => void;
  status: () => Promise<MailStatus>;
  /**
   * Starts the sender, the digests and the monthly reports (after the server listens: links
   * need its URL); `ctx` is the server's, which the reports are read and drawn through.
   */
  start: (dashboardUrl: string, ctx: ServerContext) => void;
  stop: () => Promise<void>;
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM` in the zone. */
function localReading(ms: number, timeZone: string): string {
  const local = localTime(ms, timeZone);
  return `${local.date} ${pad(local.hour)}:${pad(Math.floor((ms - local.hourStartMs) / 60_000))}`;
}

export function createMailService(
  parts: { database: Database; now: () => Date; timers: Timers; logger: Logger },
  options: MailOptions,
): MailService {
  const { database, now, timers, logger } = parts;
  const transport =
    options.transport ??
    (options.smtpUrl === undefined ? undefined : smtpTransport(options.smtpUrl));
  const configured = transport !== undefined;
  let base = '';
  let sender: MailSender | undefined;
  let digests: DigestScheduler | undefined;
  let monthly: MonthlyScheduler | undefined;

  return {
    configured,
    alertOpened: async (db, alert) => {
      if (!configured) {
        return;
      }
      const unit = await db
        .selectFrom('units')
        .select(['name_json', 'time_zone'])
        .where('id', '=', alert.unitId)
        .executeTakeFirst();
      const names = unit === undefined ? {} : unitName(unit.name_json);
      const outbox = createOutbox(db);
      for (const recipient of await unitRecipients(db, alert.unitId)) {
        const language = mailLanguage(recipient.language);
        const mail = alertMail(language, {
          unitName: names[language] ?? names['fi'] ?? Object.values(names)[0] ?? alert.unitId,
          openedAt: localReading(alert.openedAtMs, unit?.time_zone ?? 'Europe/Helsinki'),
          negativeInWindow: alert.negativeInWindow,
          answersInWindow: alert.answersInWindow,
          baselinePercent: Math.round(alert.baseline * 100),
          link: `${base}/#/alerts`,
        });
        await outbox.add('alert', recipient.email, mail, now());
      }
    },
    queued: () => sender?.wake(),
    status: () => createOutbox(database.db).status(configured),
    start: (dashboardUrl, ctx) => {
      if (transport === undefined) {
        return;
      }
      base = dashboardUrl.replace(/\/+$/, '');
      sender = createMailSender({
        outbox: createOutbox(database.db),
        transport,
        from: options.from ?? DEFAULT_MAIL_FROM,
        now,
        timers,
        logger,
        attachments: monthlyAttachments({ ctx, renderer: ctx.pdf }),
      });
      digests = createDigestScheduler({
        database,
        now,
        timers,
        logger,
        inboxLink: () => `${base}/#/inbox`,
        queued: () => sender?.wake(),
      });
      monthly = createMonthlyScheduler({
        database,
        ctx,
        now,
        timers,
        logger,
        unitLink: (unitId) => `${base}/#/units/${encodeURIComponent(unitId)}`,
        queued: () => sender?.wake(),
      });
      sender.wake();
      digests.start();
      monthly.start();
    },
    stop: async () => {
      await digests?.stop();
      await monthly?.stop();
      await sender?.stop();
    },
  };
}
