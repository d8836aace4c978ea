import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../core';
import { formatNumber, formatTime } from './format';
import { ScreenTitle } from './ScreenTitle';
import type { ServiceDeps } from './service-deps';
import { useSyncStatus } from './use-sync-status';

type Props = { deps: ServiceDeps; language: LanguageCode; keepAlive: () => void };

type Run =
  | { phase: 'ready' }
  | { phase: 'running'; before: number | null }
  | { phase: 'done'; before: number | null }
  | { phase: 'failed'; before: number | null };

/** A long sync keeps the session open meanwhile (the host counts no touches from it). */
const KEEP_ALIVE_MS = 10_000;

/** "Sync now": runs a sync at once and shows it going, answer counts and all. */
export function SyncScreen({ deps, language, keepAlive }: Props) {
  const { t } = useTranslation('service', { lng: language });
  const status = useSyncStatus(deps.sync);
  const [run, setRun] = useState<Run>({ phase: 'ready' });
  const running = run.phase === 'running';

  useEffect(() => {
    if (!running) {
      return undefined;
    }
    const timer = setInterval(keepAlive, KEEP_ALIVE_MS);
    return () => clearInterval(timer);
  }, [running, keepAlive]);

  const start = (): void => {
    if (running) {
      return;
    }
    const before = deps.sync.status()?.queued ?? null;
    setRun({ phase: 'running', before });
    deps.sync.syncNow().then(
      () => setRun({ phase: 'done', before }),
      () => setRun({ phase: 'failed', before }),
    );
  };

  const count = (value: number | null): string =>
    value === null ? t('status.unknown') : formatNumber(value, language);
  const now = status?.queued ?? null;
  const before = run.phase === 'ready' ? null : run.before;
  const sent = before !== null && now !== null ? Math.max(0, before - now) : null;

  return (
    <section data-screen="service-sync" aria-labelledby="service-sync-title">
      <ScreenTitle id="service-sync-title">{t('sync.title')}</ScreenTitle>
      <p className="service-intro">{t('sync.intro')}</p>
      <button
        type="button"
        className="service-button service-primary"
        onClick={start}
        aria-disabled={running}
      >
        {running ? t('sync.running') : t('sync.start')}
      </button>
      <div className="service-progress" role="status" aria-live="polite" aria-atomic="true">
        <dl className="service-facts">
          {run.phase !== 'ready' && (
            <>
              <dt>{t('sync.before')}</dt>
              <dd>{count(before)}</dd>
            </>
          )}
          <dt>{t('sync.now')}</dt>
          <dd>{count(now)}</dd>
          {run.phase !== 'ready' && (
            <>
              <dt>{t('sync.sent')}</dt>
              <dd>{count(sent)}</dd>
            </>
          )}
          <dt>{t('sync.state')}</dt>
          <dd>{status ? t(`syncState.${status.state}`) : t('status.unknown')}</dd>
          <dt>{t('sync.lastSync')}</dt>
          <dd>{status?.lastSyncAt ? formatTime(status.lastSyncAt, language) : t('sync.never')}</dd>
          <dt>{t('sync.lastError')}</dt>
          <dd>
            {status?.lastError
              ? t(`syncError.${status.lastError}`, { defaultValue: status.lastError })
              : t('sync.noError')}
          </dd>
        </dl>
        {run.phase === 'done' && (
          <p className="service-done">
            {status?.lastError ? t('sync.doneWithError') : t('sync.done')}
          </p>
        )}
        {run.phase === 'failed' && <p className="service-problem">{t('sync.failed')}</p>}
      </div>
    </section>
  );
}
