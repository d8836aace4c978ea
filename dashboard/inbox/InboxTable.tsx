import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackItem } from '../../core/feedback-api';
import { absoluteTime } from '../terminals/time-text';
import { dueStatus } from './due';
import { DueText } from './DueText';

/** What a row shows of an item, worked out by the page (names and words it knows). */
export type RowText = { unit: string; question: string; answer: string; followUp: string | null };

type Props = {
  items: readonly FeedbackItem[];
  caption: string;
  textOf: (item: FeedbackItem) => RowText;
  locale: string;
  nowMs: number;
  openId: string | null;
  /** The opened item's view, in a row of its own under the item's row. */
  opened: ReactNode;
  onToggle: (item: FeedbackItem) => void;
  /** Each row's Open button, for the page to give the focus back to. */
  openerRef: (id: string, button: HTMLButtonElement | null) => void;
};

const COLUMNS = 8;

/** The items, newest first: one row each, and the opened one's view under its row. */
export function InboxTable(props: Props) {
  const { items, textOf, locale, nowMs, openId } = props;
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="inbox">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.columns.answered')}</th>
            <th scope="col">{t('inbox.columns.unit')}</th>
            <th scope="col">{t('inbox.columns.questionAnswer')}</th>
            <th scope="col">{t('inbox.columns.comment')}</th>
            <th scope="col">{t('inbox.columns.followUp')}</th>
            <th scope="col">{t('inbox.columns.state')}</th>
            <th scope="col">{t('inbox.columns.due')}</th>
            <th scope="col">
              <span className="inbox-hidden">{t('inbox.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const text = textOf(item);
            const isOpen = item.id === openId;
            const due = dueStatus(item, nowMs);
            const time = absoluteTime(item.answeredAt, locale);
            const rowClass = [
              due === 'overdue' ? 'overdue' : '',
              item.state === 'new' ? 'unread' : '',
              isOpen ? 'open' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return [
              <tr key={item.id} className={rowClass === '' ? undefined : rowClass}>
                <td className="inbox-time">{time}</td>
                <td>{text.unit}</td>
                <td>
                  <span className="inbox-question">{text.question}</span>
                  <span className="inbox-answer">{text.answer}</span>
                </td>
                <td className="inbox-comment">{item.comment ?? ''}</td>
                <td>{text.followUp ?? ''}</td>
                <td>
                  {item.state === 'new' && <span aria-hidden="true">{'● '}</span>}
                  {t(`inbox.state.${item.state}`)}
                  {item.hasContact && (
                    <span className="inbox-contact-mark">{t('inbox.contactRequest')}</span>
                  )}
                </td>
                <td>
                  <DueText item={item} locale={locale} nowMs={nowMs} />
                </td>
                <td>
                  <button
                    type="button"
                    ref={(button) => props.openerRef(item.id, button)}
                    aria-expanded={isOpen}
                    onClick={() => props.onToggle(item)}
                  >
                    {t(isOpen ? 'inbox.close' : 'inbox.open')}{' '}
                    <span className="inbox-hidden">
                      {t('inbox.openWhich', { time, unit: text.unit })}
                    </span>
                  </button>
                </td>
              </tr>,
              isOpen && (
                <tr key={`${item.id}-open`} className="inbox-open-row">
                  <td colSpan={COLUMNS}>{props.opened}</td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
