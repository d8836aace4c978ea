import nodemailer from 'nodemailer';
import type { Timers } from '../../core/timers';
import { errorCode, type Logger } from '../log';
import type { Outbox, OutboxMail } from './outbox';

/**
 * Sends the outbox's due mails, one at a time, apart from every request: enqueuing is one
 * insert, and an SMTP server that is slow or down delays nothing but its mails. Woken when a
 * mail is added, and by a timer when the next retry falls due.
 */

/** A file sent with a mail (the monthly report's PDF), made when the mail is sent. */
export type MailAttachment = { filename: string; content: Buffer; contentType: string };

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
};

export type MailTransport = {
  send(mail: OutgoingMail): Promise<void>;
  /** Drops the connection; a send in flight may still fail or finish. */
  close(): void;
};

/** `smtp://[user:pass@]HOST[:PORT]` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
export function smtpUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '--smtp must be a URL like smtp://HOST:PORT';
  }
  if ((parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') || parsed.hostname === '') {
    return '--smtp must be a URL like smtp://HOST:PORT (or smtps://)';
  }
  return undefined;
}

/** Connecting and each SMTP step give up after these, so a dead server cannot hold a send. */
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? (secure ? 465 : 25) : Number(parsed.port),
    secure,
    ...(parsed.username === ''
      ? {}
      : {
          auth: {
            user: decodeURIComponent(parsed.username),
            pass: decodeURIComponent(parsed.password),
          },
        }),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    send: async (mail) => {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}

/**
 * What the outbox and the mail status keep of a failure: nodemailer's code, and the SMTP
 * server's reply code and first line, with any address taken out. Never a stack.
 */
export function failureMessage(error: unknown): string {
  const { code, responseCode, response, message } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const parts = [typeof code === 'string' ? code : errorCode(error)];
  if (typeof responseCode === 'number') {
    parts.push(String(responseCode));
  }
  const detail =
    typeof response === 'string' ? response : typeof message === 'string' ? message : '';
  const firstLine = detail.split(/\r?\n/)[0] ?? '';
  const clean = firstLine.replace(/[^\s<>@"]+@[^\s<>@"]+/g, '<address>').slice(0, 200);
  return clean === '' ? parts.join(' ') : `${parts.join(' ')}: ${clean}`;
}

/** Mails read per round; a long outbox is sent in rounds. */
const ROUND = 20;
/** Even with nothing due, look again this often (a row another process added, a clock jump). */
const MAX_SLEEP_MS = 5 * 60 * 1000;
/** After the outbox itself could not be read (the database away), try again after this. */
const TROUBLE_RETRY_MS = 30_000;
/** On close, a send in flight gets this long before the database closes under it. */
const CLOSE_GRACE_MS = 2_000;

export type MailSender = {
  /** Looks for due mails now (a mail was added). */
  wake(): void;
  /** Stops sending; waits a moment for a send in flight, never for a hung SMTP server. */
  stop(): Promise<void>;
};

export function createMailSender(parts: {
  outbox: Outbox;
  transport: MailTransport;
  from: string;
  now: () => Date;
  timers: Timers;
  logger: Logger;
  /**
   * The mail's attachments, made as it is sent (monthly-attachment.ts); one that cannot be
   * made throws, and the mail is tried again later like one its server refused.
   */
  attachments?: (mail: OutboxMail) => Promise<MailAttachment[]>;
}): MailSender {
  const { outbox, transport, from, now, timers, logger } = parts;
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const sleep = (ms: number): void => {
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    if (!stopped) {
      timer = timers.setTimeout(wake, Math.max(0, Math.min(ms, MAX_SLEEP_MS)));
    }
  };

  const sendOne = async (mail: OutboxMail): Promise<void> => {
    try {
      const attachments = (await parts.attachments?.(mail)) ?? [];
      await transport.send({ from, ...mail, ...(attachments.length > 0 ? { attachments } : {}) });
    } catch (error) {
      if (stopped) {
        return;
      }
      await outbox.failed(mail, failureMessage(error), now());
      logger.warn('mail_send_failed', { error: errorCode(error), attempts: mail.attempts + 1 });
      return;
    }
    // Taken by the server, so written down even while stopping: else a restart sends it again.
    await outbox.sent(mail.id, now());
    logger.info('mail_sent', { attempts: mail.attempts + 1 });
  };

  const round = async (): Promise<void> => {
    for (;;) {
      const due = await outbox.due(now().getTime(), ROUND);
      for (const mail of due) {
        if (stopped) {
          return;
        }
        await sendOne(mail);
      }
      if (due.length < ROUND || stopped) {
        break;
      }
    }
    const next = await outbox.nextDueMs();
    sleep(next === null ? MAX_SLEEP_MS : next - now().getTime());
  };

  function wake(): void {
    if (stopped) {
      return;
    }
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await round();
        } catch (error) {
          if (!stopped) {
            logger.warn('mail_outbox_unreadable', { error: errorCode(error) });
            sleep(TROUBLE_RETRY_MS);
          }
        }
      } while (again && !stopped);
      running = undefined;
    })();
  }

  return {
    wake,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      // A send in flight may finish (and be written down as sent) before the connection is
      // cut; one still waiting on its server after the grace is cut and tried again later.
      if (running) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([
          running,
          new Promise<void>((resolve) => {
            grace = setTimeout(resolve, CLOSE_GRACE_MS);
          }),
        ]);
        clearTimeout(grace);
      }
      transport.close();
    },
  };
}
