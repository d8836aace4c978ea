import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../core/feedback-api';
import type { Failure } from '../api';
import { errorKey } from '../errors';
import { formatters } from '../format';
import type { PageProps } from '../shell/page';
import { dateLocale } from '../terminals/time-text';
import { fetchUnitNames, nameOfUnit, type NamedUnit } from '../unit-names';
import { AlertCard } from './AlertCard';
import { fetchAlerts } from './api';
import { orderAlerts } from './order';
import './alerts.css';

type ListState =
  { kind: 'loading' } | { kind: 'failed'; reason: Failure } | { kind: 'ready'; alerts: Alert[] };

/**
 * Alerts (issue 18): a unit's negative answers ran above its usual share (a CUSUM, counted by
 * the server). Open ones first, then acknowledged ones; acknowledging takes a comment.
 * `onAlertsChanged` lets the frame count the open ones again.
 */
export function AlertsPage({
  onSignedOut,
  onAlertsChanged,
}: PageProps & { onAlertsChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const locale = dateLocale(language, navigator.languages);
  const f = formatters(language);
  const openHeadingId = useId();
  const doneHeadingId = useId();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [units, setUnits] = useState<NamedUnit[]>([]);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const openHeading = useRef<HTMLHeadingElement>(null);
  /** Where the focus goes once the form is gone: an alert's button (by id), or the heading. */
  const focusTo = useRef<{ button: string } | 'heading' | null>(null);

  useEffect(() => {
    document.title = t('alerts.title');
  }, [t]);

  const load = useCallback(() => {
    let live = true;
    void fetchAlerts().then((result) => {
      if (!live) {
        return;
      }
      if (result.ok) {
        setList({ kind: 'ready', alerts: result.value });
      } else if (result.reason === 'unauthorized') {
        onSignedOut();
      } else {
        setList({ kind: 'failed', reason: result.reason });
      }
    });
    return () => {
      live = false;
    };
  }, [onSignedOut]);

  useEffect(() => load(), [load]);

  useEffect(() => {
    let live = true;
    void fetchUnitNames(new Date()).then((result) => {
      if (live && result.ok) {
        setUnits(result.value);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // After the form goes: back to its button (cancelled), or to the open alerts' heading (done).
  useLayoutEffect(() => {
    if (focusTo.current !== null && acknowledging === null) {
      const target =
        focusTo.current === 'heading'
          ? openHeading.current
          : buttons.current.get(focusTo.current.button);
      focusTo.current = null;
      target?.focus();
    }
  });

  const nameOf = (unitId: string) => nameOfUnit(units, unitId, language);
  const ordered = orderAlerts(list.kind === 'ready' ? list.alerts : []);

  const acknowledged = (alert: Alert) => {
    setList((now) =>
      now.kind === 'ready'
        ? { kind: 'ready', alerts: now.alerts.map((a) => (a.id === alert.id ? alert : a)) }
        : now,
    );
    setAnnouncement(t('alerts.acknowledge.done', { unit: nameOf(alert.unitId) }));
    focusTo.current = 'heading';
    setAcknowledging(null);
    onAlertsChanged?.();
  };

  const card = (alert: Alert) => (
    <AlertCard
      key={alert.id}
      alert={alert}
      unitName={nameOf(alert.unitId)}
      locale={locale}
      acknowledging={acknowledging === alert.id}
      onAcknowledge={() => setAcknowledging(alert.id)}
      setButton={(button) => {
        if (button === null) {
          buttons.current.delete(alert.id);
        } else {
          buttons.current.set(alert.id, button);
        }
      }}
      onAcknowledged={acknowledged}
      onAlreadyAcknowledged={() => {
        load();
        onAlertsChanged?.();
      }}
      onCancel={() => {
        focusTo.current = { button: alert.id };
        setAcknowledging(null);
      }}
      onSignedOut={onSignedOut}
    />
  );

  return (
    <>
      <h1>{t('alerts.heading')}</h1>
      <p className="note">{t('alerts.intro')}</p>
      <p role="status" className="alerts-announcement">
        {announcement}
      </p>
      <div aria-live="polite" aria-busy={list.kind === 'loading'}>
        {list.kind === 'loading' && <p>{t('alerts.loading')}</p>}
        {list.kind === 'failed' && <p role="alert">{t(errorKey(list.reason))}</p>}
      </div>
      {list.kind === 'ready' && (
        <>
          <section className="alerts-section" aria-labelledby={openHeadingId}>
            <h2 id={openHeadingId} ref={openHeading} tabIndex={-1}>
              {t('alerts.openHeading', {
                count: ordered.open.length,
                n: f.count(ordered.open.length),
              })}
            </h2>
            {ordered.open.length === 0 ? (
              <p>{t('alerts.noneOpen')}</p>
            ) : (
              <ul className="alerts-list">{ordered.open.map(card)}</ul>
            )}
          </section>
          <section className="alerts-section" aria-labelledby={doneHeadingId}>
            <h2 id={doneHeadingId}>{t('alerts.acknowledgedHeading')}</h2>
            {ordered.acknowledged.length === 0 ? (
              <p>{t('alerts.noneAcknowledged')}</p>
            ) : (
              <ul className="alerts-list">{ordered.acknowledged.map(card)}</ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
