import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyTemplateList, TerminalStatus } from '../../core/central-api';
import type { Failure, Result } from '../api';
import { unitName } from '../format';
import type { PageProps } from '../shell/page';
import { fetchUnitNames, type NamedUnit } from '../unit-names';
import { fetchSurveyTemplates, fetchTerminals, setRevoked } from './api';
import { attentionCount } from './attention';
import { EnrollmentCodeForm } from './EnrollmentCodeForm';
import { failureKey } from './failure-key';
import { FleetTable, shortTerminalId } from './FleetTable';
import { RevokeDialog } from './RevokeDialog';
import { absoluteTime, dateLocale } from './time-text';
import './terminals.css';

/** How often "3 hours ago" and the attention rule are looked at again without a reload. */
const TICK_MS = 30_000;

type Fleet = { terminals: TerminalStatus[]; units: NamedUnit[]; loadedAtMs: number };

type PageState =
  | { kind: 'loading' }
  | { kind: 'failed'; reason: Failure }
  | { kind: 'ready'; fleet: Fleet; templates: SurveyTemplateList; refreshing: boolean };

type Confirming = { terminal: TerminalStatus; sending: boolean; failure: Failure | null };

async function loadFleet(now: Date): Promise<Result<Fleet>> {
  const [terminals, units] = await Promise.all([fetchTerminals(), fetchUnitNames(now)]);
  if (!terminals.ok) {
    return terminals;
  }
  if (!units.ok) {
    return units;
  }
  return {
    ok: true,
    value: { terminals: terminals.value, units: units.value, loadedAtMs: now.getTime() },
  };
}

/**
 * The county's fleet (issue 17): every terminal with its last heartbeat, those that need
 * attention first; revoking (and restoring) a terminal after a confirmation; and making an
 * enrollment code from the built-in templates.
 */
export function TerminalsPage({ onSignedOut }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const locale = dateLocale(language, navigator.languages);
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const opener = useRef<HTMLButtonElement | null>(null);
  const returnFocus = useRef(false);
  const fleetHeadingId = useId();

  // Once the dialog is gone (in the same commit): back where the person was, the row's button.
  useLayoutEffect(() => {
    if (returnFocus.current && confirming === null) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  });

  useEffect(() => {
    document.title = t('terminals.title');
  }, [t]);

  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    let live = true;
    const now = new Date();
    void Promise.all([loadFleet(now), fetchSurveyTemplates()]).then(([fleet, templates]) => {
      if (!live) {
        return;
      }
      const failed = !fleet.ok ? fleet : !templates.ok ? templates : null;
      if (failed !== null) {
        if (failed.reason === 'unauthorized') {
          onSignedOut();
        } else {
          setState({ kind: 'failed', reason: failed.reason });
        }
        return;
      }
      if (fleet.ok && templates.ok) {
        setNowMs(now.getTime());
        setState({
          kind: 'ready',
          fleet: fleet.value,
          templates: templates.value,
          refreshing: false,
        });
      }
    });
    return () => {
      live = false;
    };
  }, [onSignedOut]);

  /** The list again, the form as it is: a code being typed is not lost. */
  const refresh = useCallback(() => {
    setState((current) => (current.kind === 'ready' ? { ...current, refreshing: true } : current));
    const now = new Date();
    void loadFleet(now).then((fleet) => {
      if (!fleet.ok && fleet.reason === 'unauthorized') {
        onSignedOut();
        return;
      }
      setState((current) => {
        if (current.kind !== 'ready') {
          return current;
        }
        return fleet.ok
          ? { ...current, fleet: fleet.value, refreshing: false }
          : { ...current, refreshing: false };
      });
      if (fleet.ok) {
        setNowMs(now.getTime());
        setAnnouncement(t('terminals.refreshed'));
      } else {
        setAnnouncement(t(failureKey(fleet.reason)));
      }
    });
  }, [onSignedOut, t]);

  if (state.kind !== 'ready') {
    return (
      <>
        <h1>{t('terminals.heading')}</h1>
        <div aria-live="polite" aria-busy={state.kind === 'loading'}>
          {state.kind === 'loading' && <p role="status">{t('terminals.loading')}</p>}
          {state.kind === 'failed' && <p role="alert">{t(failureKey(state.reason))}</p>}
        </div>
      </>
    );
  }

  const { fleet, templates } = state;
  const nameOf = (unitId: string) => {
    const unit = fleet.units.find((known) => known.unitId === unitId);
    return unit === undefined ? unitId : unitName(unit.name, language, unitId);
  };
  const needing = attentionCount(fleet.terminals, nowMs);

  const closeDialog = () => {
    setConfirming(null);
    returnFocus.current = true;
  };

  const confirm = async (terminal: TerminalStatus) => {
    setConfirming({ terminal, sending: true, failure: null });
    const revoked = !terminal.revoked;
    const outcome = await setRevoked(terminal.terminalId, revoked);
    if (!outcome.ok) {
      if (outcome.reason === 'unauthorized') {
        onSignedOut();
        return;
      }
      setConfirming({ terminal, sending: false, failure: outcome.reason });
      return;
    }
    setState((current) =>
      current.kind === 'ready'
        ? {
            ...current,
            fleet: {
              ...current.fleet,
              terminals: current.fleet.terminals.map((row) =>
                row.terminalId === terminal.terminalId ? { ...row, revoked } : row,
              ),
            },
          }
        : current,
    );
    setAnnouncement(
      t(revoked ? 'terminals.revoke.done' : 'terminals.restore.done', {
        terminal: shortTerminalId(terminal.terminalId),
      }),
    );
    closeDialog();
  };

  return (
    <>
      <h1>{t('terminals.heading')}</h1>
      <section className="fleet-section" aria-labelledby={fleetHeadingId}>
        <h2 id={fleetHeadingId}>{t('terminals.fleetHeading')}</h2>
        <p className={needing > 0 ? 'attention-summary needs' : 'attention-summary'}>
          {needing > 0 ? (
            <strong>
              <span aria-hidden="true">⚠ </span>
              {t('terminals.attention', { count: needing })}
            </strong>
          ) : (
            t('terminals.allWell')
          )}
        </p>
        <p className="note">{t('terminals.rule')}</p>
        <p className="fleet-tools">
          <button
            type="button"
            aria-disabled={state.refreshing}
            onClick={() => {
              if (!state.refreshing) {
                refresh();
              }
            }}
          >
            {t(state.refreshing ? 'terminals.refreshing' : 'terminals.refresh')}
          </button>
        </p>
        <p role="status" className="announcement">
          {announcement}
        </p>
        {fleet.terminals.length === 0 ? (
          <p>{t('terminals.empty')}</p>
        ) : (
          <FleetTable
            terminals={fleet.terminals}
            nameOf={nameOf}
            nowMs={nowMs}
            locale={locale}
            caption={t('terminals.caption', {
              time: absoluteTime(new Date(fleet.loadedAtMs).toISOString(), locale),
            })}
            onRevokeChange={(terminal, button) => {
              opener.current = button;
              setConfirming({ terminal, sending: false, failure: null });
            }}
          />
        )}
      </section>
      <EnrollmentCodeForm
        units={fleet.units}
        templates={templates}
        apiUrl={window.location.origin}
        locale={locale}
        onSignedOut={onSignedOut}
      />
      {confirming !== null && (
        <RevokeDialog
          terminal={confirming.terminal}
          unitName={nameOf(confirming.terminal.unitId)}
          sending={confirming.sending}
          failure={confirming.failure}
          onConfirm={() => void confirm(confirming.terminal)}
          onCancel={closeDialog}
        />
      )}
    </>
  );
}
