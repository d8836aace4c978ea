import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackItem } from '../../core/feedback-api';
import { absoluteTime } from '../terminals/time-text';
import { ContactDetails } from './ContactDetails';
import { DueText } from './DueText';
import { HandleForm } from './HandleForm';

type Props = {
  item: FeedbackItem;
  unitName: string;
  questionName: string;
  answer: string;
  followUp: string | null;
  locale: string;
  nowMs: number;
  /** Marking it read on opening failed: said here, the item is shown all the same. */
  readFailed: boolean;
  onHandled: (item: FeedbackItem) => void;
  onClose: () => void;
  onSignedOut: () => void;
};

/**
 * One item, opened under its row: everything about it, its contact details on purpose, and
 * "Mark handled". Its heading takes the focus when it opens and again once it is handled.
 */
export function ItemView(props: Props) {
  const { item, locale, onSignedOut } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [item.id, item.state]);

  const time = (iso: string) => absoluteTime(iso, locale);
  return (
    <section className="inbox-item" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('inbox.item.heading', { time: time(item.answeredAt), unit: props.unitName })}
      </h3>
      {props.readFailed && <p role="alert">{t('inbox.item.readFailed')}</p>}
      <dl className="inbox-facts">
        <dt>{t('inbox.columns.question')}</dt>
        <dd>{props.questionName}</dd>
        <dt>{t('inbox.item.answer')}</dt>
        <dd>{props.answer}</dd>
        <dt>{t('inbox.columns.comment')}</dt>
        <dd className="inbox-comment">{item.comment ?? t('inbox.item.noComment')}</dd>
        {props.followUp !== null && (
          <>
            <dt>{t('inbox.columns.followUp')}</dt>
            <dd>{props.followUp}</dd>
          </>
        )}
        <dt>{t('inbox.columns.state')}</dt>
        <dd>
          {t(`inbox.state.${item.state}`)}
          {item.readAt !== undefined &&
            item.state === 'read' &&
            ` (${t('inbox.item.readAt', { time: time(item.readAt) })})`}
        </dd>
        {item.hasContact && item.dueAt !== undefined && (
          <>
            <dt>{t('inbox.columns.due')}</dt>
            <dd>
              <DueText item={item} locale={locale} nowMs={props.nowMs} />
            </dd>
          </>
        )}
        {item.state === 'handled' && (
          <>
            <dt>{t('inbox.item.handled')}</dt>
            <dd>
              {item.handledAt === undefined
                ? t('inbox.state.handled')
                : item.handledBy === undefined
                  ? time(item.handledAt)
                  : t('inbox.item.handledBy', { time: time(item.handledAt), who: item.handledBy })}
            </dd>
            <dt>{t('inbox.item.note')}</dt>
            <dd className="inbox-comment">{item.note ?? t('inbox.item.noNote')}</dd>
          </>
        )}
      </dl>
      {item.hasContact && (
        <div className="inbox-contact-part">
          <h4>{t('inbox.contact.heading')}</h4>
          <ContactDetails
            // Handling deletes the details: a handled item starts this part afresh, shown nothing.
            key={item.state === 'handled' ? 'gone' : 'kept'}
            itemId={item.id}
            deleted={item.state === 'handled' || item.contactDeletedAt !== undefined}
            onSignedOut={onSignedOut}
          />
        </div>
      )}
      {item.state !== 'handled' && (
        <div className="inbox-handle-part">
          <h4>{t('inbox.handle.heading')}</h4>
          <HandleForm item={item} onHandled={props.onHandled} onSignedOut={onSignedOut} />
        </div>
      )}
      <p className="inbox-close">
        <button type="button" onClick={props.onClose}>
          {t('inbox.item.close')}
        </button>
      </p>
    </section>
  );
}
