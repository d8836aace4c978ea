import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import type { Bridge, LanguageCode } from '../../core';
import { FALLBACK_LANGUAGE } from '../i18n/i18n';
import { createAnswerRecorder } from '../kiosk/answer-recorder';
import type { Clock } from '../kiosk/answer';
import { Kiosk } from '../kiosk/Kiosk';
import { useIdleReset } from '../kiosk/use-idle-reset';
import { useHostStatus } from '../bridge/use-host-status';
import type { ResponseStore } from '../store/response-store';
import { FirstRunScreen } from '../technician/FirstRunScreen';
import { PinPad } from '../technician/PinPad';
import { ServiceScreens } from '../technician/service/ServiceScreens';
import type { ServiceDeps } from '../technician/service/service-deps';
import { TestModeRibbon } from '../technician/service/TestModeRibbon';
import { useCornerGesture } from '../technician/use-corner-gesture';
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
  /** What the technician's service screens read and do (the store, sync, storage). */
  service: ServiceDeps;
  /** Starts the page again (after a factory reset). */
  reload(): void;
};

/** A PIN pad left open goes back to the faces: a patient must not meet it. */
const PIN_PAD_IDLE_MS = 30_000;
/** Until the host's unlock says otherwise. */
const DEFAULT_SERVICE_IDLE_MS = 120_000;

type Mode = 'kiosk' | 'pin' | 'service';

/** An on/off value read outside React's render (the recorder asks it at each answer). */
function createSwitch(): { on(): boolean; set(value: boolean): void } {
  let value = false;
  return {
    on: () => value,
    set(next) {
      value = next;
    },
  };
}

function Terminal({ deps }: { deps: AppDeps }) {
  const { bridge } = deps;
  const config = useTerminalConfig(bridge);
  const host = useHostStatus(bridge).status;
  const [mode, setMode] = useState<Mode>('kiosk');
  const [testMode, setTestMode] = useState(false);
  const [idleCloseMs, setIdleCloseMs] = useState(DEFAULT_SERVICE_IDLE_MS);
  const [setupLanguage, setSetupLanguage] = useState<LanguageCode>(FALLBACK_LANGUAGE);
  // Read at the moment of each answer, so the recorder itself never changes.
  const [testModeNow] = useState(createSwitch);
  useEffect(() => {
    testModeNow.set(testMode);
  }, [testModeNow, testMode]);
  const recorder = useMemo(
    () =>
      createAnswerRecorder({
        store: deps.store,
        clock: deps.clock,
        buildTimeMs: deps.buildTimeMs,
        testMode: () => testModeNow.on(),
      }),
    [deps.store, deps.clock, deps.buildTimeMs, testModeNow],
  );

  const closeService = useCallback((): void => {
    setTestMode(false);
    setMode('kiosk');
  }, []);
  // The host closed the session (idle): the service screens and test mode end with it.
  useEffect(() => bridge.on('service:closed', closeService), [bridge, closeService]);
  useCornerGesture(() => setMode('pin'), { enabled: mode === 'kiosk' && config !== null });
  useIdleReset(mode === 'pin' ? PIN_PAD_IDLE_MS : undefined, () => setMode('kiosk'));
  // Test answers keep the technician's session open; two minutes without one end test mode.
  const pokeTest = useIdleReset(testMode && mode === 'kiosk' ? idleCloseMs : undefined, () => {
    setTestMode(false);
    void bridge.call('service:close', null).catch(() => undefined);
  });
  useEffect(() => {
    if (!testMode || mode !== 'kiosk') {
      return undefined;
    }
    const touch = (): void => {
      pokeTest();
      void bridge.call('service:touch', null).catch(() => undefined);
    };
    const stopPresses = bridge.on('button:press', touch);
    window.addEventListener('pointerdown', touch, { capture: true, passive: true });
    return () => {
      stopPresses();
      window.removeEventListener('pointerdown', touch, { capture: true });
    };
  }, [bridge, testMode, mode, pokeTest]);

  const language = config?.defaultLanguage ?? FALLBACK_LANGUAGE;

  if (config === null && host?.configSource === 'none') {
    // Never set up: the first-run screen; the enrollment's config:changed brings the faces.
    return (
      <FirstRunScreen
        bridge={bridge}
        hardwareId={host.hardwareId}
        language={setupLanguage}
        onLanguage={setSetupLanguage}
        onEnrolled={() => undefined}
      />
    );
  }
  if (mode === 'pin') {
    return (
      <PinPad
        bridge={bridge}
        language={language}
        onUnlocked={(ms) => {
          setIdleCloseMs(ms);
          setMode('service');
        }}
        onCancel={() => setMode('kiosk')}
      />
    );
  }
  if (mode === 'service') {
    return (
      <ServiceScreens
        deps={deps.service}
        config={config}
        language={language}
        idleCloseMs={idleCloseMs}
        testMode={testMode}
        onTestMode={(on) => {
          setTestMode(on);
          if (on) {
            setMode('kiosk');
          }
        }}
        onClose={closeService}
        onReset={() => deps.reload()}
      />
    );
  }
  return (
    <>
      {testMode ? (
        <TestModeRibbon
          language={language}
          onEnd={() => {
            setTestMode(false);
            void bridge.call('service:close', null).catch(() => undefined);
          }}
        />
      ) : null}
      <Kiosk config={config} bridge={bridge} recorder={recorder} />
    </>
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
