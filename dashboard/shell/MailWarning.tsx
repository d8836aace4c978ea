import { useTranslation } from 'react-i18next';
import type { MailStatus } from '../../core/feedback-api';
import { absoluteTime, dateLocale } from '../terminals/time-text';

/** The longest of the mail server's own words shown: enough to tell the fault, no more. */
const MESSAGE_MAX = 300;

/**
 * The warning when the server's e-mail does not get through (mail is failing): how many are
 * waiting, since when they fail, and the mail server's last words, which a technician needs.
 * Said in words with a mark, not by colour alone; nothing is shown while mail gets through.
 */
export function MailWarning({ status }: { status: MailStatus | null }) {
  const { t, i18n } = useTranslation();
  if (status === null || status.failing <= 0) {
    return null;
  }
  const locale = dateLocale(i18n.language, navigator.languages);
  const message =
    status.lastError === undefined
      ? null
      : status.lastError.message.length > MESSAGE_MAX
        ? `${status.lastError.message.slice(0, MESSAGE_MAX)}…`
        : status.lastError.message;
  return (
    <div role="status" className="mail-warning">
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>
          {status.lastError === undefined
            ? t('mail.failing', { count: status.failing })
            : t('mail.failingSince', {
                count: status.failing,
                time: absoluteTime(status.lastError.at, locale),
              })}
        </strong>
        {message !== null && (
          <>
            {' '}
            {t('mail.lastError')} <code>{message}</code>
          </>
        )}
      </p>
      {status.nextAttemptAt !== undefined && (
        <p>{t('mail.nextAttempt', { time: absoluteTime(status.nextAttemptAt, locale) })}</p>
      )}
    </div>
  );
}
