import { useTranslation } from 'react-i18next';
import type { FeedbackItem } from '../../core/feedback-api';
import { absoluteTime } from '../terminals/time-text';
import { dueStatus } from './due';

/**
 * A contact request's due date, with "Overdue" or "Due soon" in words and a mark before them:
 * the colour only repeats what the words say.
 */
export function DueText({
  item,
  locale,
  nowMs,
}: {
  item: FeedbackItem;
  locale: string;
  nowMs: number;
}) {
  const { t } = useTranslation();
  const status = dueStatus(item, nowMs);
  if (status === 'none' || item.dueAt === undefined) {
    return null;
  }
  const date = absoluteTime(item.dueAt, locale);
  switch (status) {
    case 'overdue':
      return (
        <span className="inbox-due overdue">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t('inbox.due.overdue')}
          </strong>
          {': '}
          {t('inbox.due.was', { date })}
        </span>
      );
    case 'soon':
      return (
        <span className="inbox-due soon">
          <strong>
            <span aria-hidden="true">{'◷ '}</span>
            {t('inbox.due.soon')}
          </strong>
          {': '}
          {t('inbox.due.by', { date })}
        </span>
      );
    case 'later':
      return <span className="inbox-due">{t('inbox.due.by', { date })}</span>;
    case 'done':
      return <span className="inbox-due done">{t('inbox.due.by', { date })}</span>;
  }
}
