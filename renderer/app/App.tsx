import { useMemo } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import type { Bridge } from '../../core';
import { FALLBACK_LANGUAGE } from '../i18n/i18n';
import { createAnswerRecorder } from '../kiosk/answer-recorder';
import type { Clock } from '../kiosk/answer';
import { Kiosk } from '../kiosk/Kiosk';
import type { ResponseStore } from '../store/response-store';
import { ErrorBoundary } from './ErrorBoundary';
import type { StatusReporter } from './status-reporter';
import { useTerminalConfig } from './use-terminal-config';

/** Everything the UI uses from outside itself; tests hand in fakes or in-memory ones. */
export type AppDeps = {
  bridge: Bridge;
  store: ResponseStore;
  reporter: StatusReporter;
  i18n: i18n;
  clock: Clock;
  buildTimeMs: number | undefined;
};

function Terminal({ deps }: { deps: AppDeps }) {
  const config = useTerminalConfig(deps.bridge);
  const recorder = useMemo(
    () =>
      createAnswerRecorder({ store: deps.store, clock: deps.clock, buildTimeMs: deps.buildTimeMs }),
    [deps.store, deps.clock, deps.buildTimeMs],
  );
  return (
    <Kiosk config={config} bridge={deps.bridge} recorder={recorder} reporter={deps.reporter} />
  );
}

export function App({ deps }: { deps: AppDeps }) {
  return (
    <I18nextProvider i18n={deps.i18n}>
      <ErrorBoundary language={FALLBACK_LANGUAGE}>
        <Terminal deps={deps} />
      </ErrorBoundary>
    </I18nextProvider>
  );
}
