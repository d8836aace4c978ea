import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../core/feedback-api';
import { formatters } from '../format';
import { absoluteTime } from '../terminals/time-text';
import { AcknowledgeForm } from './AcknowledgeForm';

type Props = {
  alert: Alert;
  unitName: string;
  locale: string;
  /** This alert's acknowledge form is open. */
  acknowledging: boolean;
  onAcknowledge: () => void;
  /** The Acknowledge button, for the page to give the focus back to. */
  setButton: (button: HTMLButtonElement | null) => void;
  onAcknowledged: (alert: Alert) => void;
  onAlreadyAcknowledged: () => void;
  onCancel: () => void;
  onSignedOut: () => void;
};

/** One alert: its unit, when it opened, what it saw in words, and its state. */
export function AlertCard(props: Props) {
  const { alert, unitName, locale } = props;
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const headingId = useId();
  const open = alert.state === 'open';
  return (
    <li className={open ? 'alerts-card open' : 'alerts-card'} aria-labelledby={headingId}>
      <h3 id={headingId}>{unitName}</h3>
      <p className="alerts-state">
        {open ? (
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t('alerts.state.open')}
          </strong>
        ) : (
          <>
            <span aria-hidden="true">{'✓ '}</span>
            {t('alerts.state.acknowledged')}
          </>
        )}
      </p>
      <p>{t('alerts.opened', { time: absoluteTime(alert.openedAt, locale) })}</p>
      <p>
        {t('alerts.window', {
          count: alert.answersInWindow,
          negative: f.count(alert.negativeInWindow),
          answers: f.count(alert.answersInWindow),
        })}
      </p>
      <p>{t('alerts.baseline', { share: f.percent(alert.baselineNegativeShare) })}</p>
      {!open && (
        <p className="alerts-ack">
          {alert.acknowledgedAt === undefined
            ? t('alerts.acknowledgedBy', { who: alert.acknowledgedBy ?? '–' })
            : t('alerts.acknowledgedByAt', {
                who: alert.acknowledgedBy ?? '–',
                time: absoluteTime(alert.acknowledgedAt, locale),
              })}
          {alert.comment !== undefined && (
            <>
              {' '}
              <q className="alerts-comment">{alert.comment}</q>
            </>
          )}
        </p>
      )}
      {open &&
        (props.acknowledging ? (
          <AcknowledgeForm
            alert={alert}
            unitName={unitName}
            onAcknowledged={props.onAcknowledged}
            onAlreadyAcknowledged={props.onAlreadyAcknowledged}
            onCancel={props.onCancel}
            onSignedOut={props.onSignedOut}
          />
        ) : (
          <p className="alerts-actions">
            <button
              type="button"
              ref={(button) => props.setButton(button)}
              onClick={props.onAcknowledge}
            >
              {t('alerts.acknowledge.open')}{' '}
              <span className="alerts-hidden">{t('alerts.forUnit', { unit: unitName })}</span>
            </button>
          </p>
        ))}
    </li>
  );
}
