import type { MailStatus } from '../../core/feedback-api';
import type { Executor } from '../store/executor';
import type { ComposedMail } from './texts';

/**
 * The mail outbox (mail_outbox): every mail is a row first, written in the transaction of what
 * it tells (an alert, a digest), and the sender (sender.ts) sends the due rows. A failed try
 * waits longer each time, 30 s doubling up to an hour, and is tried again until its server
 * takes it: an alert is never dropped because the mail server was down for a night.
 */

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60 * 1000;

/** How long after its `attempts`-th failed try a mail is tried again. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

export type MailKind = 'alert' | 'digest' | 'month-report';

export type OutboxMail = ComposedMail & {
  id: number;
  to: string;
  attempts: number;
  /** What to attach as it is sent (a reference, never the file), as stored; null for none. */
  attachment: string | null;
};

/** The error's code and the SMTP server's answer, short; never a stack or a body. */
const MAX_ERROR_LENGTH = 300;

export function createOutbox(db: Executor) {
  return {
    /** `attachment`: a reference to what is drawn and attached when the mail is sent. */
    add: async (
      kind: MailKind,
      to: string,
      mail: ComposedMail,
      now: Date,
      attachment: unknown = null,
    ): Promise<void> => {
      await db
        .insertInto('mail_outbox')
        .values({
          kind,
          to_address: to,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          created_at: now.toISOString(),
          next_attempt_ms: now.getTime(),
          attachment_json: attachment === null ? null : JSON.stringify(attachment),
        })
        .execute();
    },
    /** The mails due by `nowMs`, oldest due first. */
    due: async (nowMs: number, limit: number): Promise<OutboxMail[]> => {
      const rows = await db
        .selectFrom('mail_outbox')
        .select([
          'id',
          'to_address',
          'subject',
          'text_body',
          'html_body',
          'attempts',
          'attachment_json',
        ])
        .where('sent_at', 'is', null)
        .where('next_attempt_ms', '<=', nowMs)
        .orderBy('next_attempt_ms')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        attempts: Number(row.attempts),
        attachment: row.attachment_json,
      }));
    },
    /** When the next unsent mail falls due, or null when none waits. */
    nextDueMs: async (): Promise<number | null> => {
      const row = await db
        .selectFrom('mail_outbox')
        .select((eb) => eb.fn.min<number>('next_attempt_ms').as('next'))
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return row?.next === null || row?.next === undefined ? null : Number(row.next);
    },
    sent: async (id: number, now: Date): Promise<void> => {
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },
    failed: async (mail: OutboxMail, message: string, now: Date): Promise<void> => {
      const attempts = mail.attempts + 1;
      await db
        .updateTable('mail_outbox')
        .set({
          attempts,
          last_error: message.slice(0, MAX_ERROR_LENGTH),
          last_error_at: now.toISOString(),
          next_attempt_ms: now.getTime() + retryDelayMs(attempts),
        })
        .where('id', '=', mail.id)
        .execute();
    },
    status: async (configured: boolean): Promise<MailStatus> => {
      const waiting = await db
        .selectFrom('mail_outbox')
        .select(['id', 'last_error', 'last_error_at', 'next_attempt_ms'])
        .where('sent_at', 'is', null)
        .orderBy('id')
        .execute();
      const failing = waiting.filter(
        (row) => row.last_error !== null && row.last_error_at !== null,
      );
      const newest = failing.reduce<(typeof failing)[number] | undefined>(
        (best, row) =>
          best === undefined || row.last_error_at! > best.last_error_at! ? row : best,
        undefined,
      );
      // The oldest failing mail (the first by id) is the one the warning waits on.
      const oldest = failing[0];
      return {
        configured,
        pending: waiting.length,
        failing: failing.length,
        ...(newest === undefined
          ? {}
          : { lastError: { at: newest.last_error_at!, message: newest.last_error! } }),
        ...(oldest === undefined
          ? {}
          : { nextAttemptAt: new Date(Number(oldest.next_attempt_ms)).toISOString() }),
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
