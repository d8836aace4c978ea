import type {
  BridgeEventName,
  BridgeEvents,
  BridgeHandlers,
  CentralStatus,
  Heartbeat,
  HostStatus,
  RendererStatus,
  TerminalConfig,
  ButtonBoxStatus,
} from '../core';
import { DEMO_CONFIG } from '../core/demo';
import { TerminalConfigSchema } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { dataDirPaths } from './data-dir';
import { readConfig, readSettings } from './terminal-files';
import { createLogger, errorCode, type Logger } from './log';
import type {
  ButtonBoxPort,
  HostServices,
  HostServicesOptions,
  SerialChoice,
} from './services-types';
import { DEFAULT_BAUD_RATE, startButtonBox } from '../hardware/button-box';
import { createBoxRelay } from './box-relay';
import { parseSerial } from './serial-choice';
import { uploadBatch, type TransportTarget } from './sync-transport';
import { startConfigPoller, type ConfigPollStatus } from './config-poller';
import { startHeartbeat } from './heartbeat';
import type { HeartbeatOutcome } from './central-client';
import { writeConfig } from './terminal-files';

/** As the config schema's default, for the moments before any config is known. */
const DEFAULT_LIGHT_MS = 1500;

type SettingsRead = Awaited<ReturnType<typeof readSettings>>;

type LoadedConfig = { config: TerminalConfig | null; source: HostStatus['configSource'] };

/**
 * Decides which config the terminal runs on at start:
 * - `config.json` valid → it (from the central API);
 * - neither `settings.json` nor `config.json` → the built-in demo unit;
 * - `config.json` invalid or unreadable → no config: the UI shows "not ready" rather than
 *   collect answers under a unit or survey that may be wrong;
 * - enrolled (`settings.json`) but no config yet → no config until the poller brings one. An
 *   enrolled terminal never falls back to the demo: its answers would count for the wrong unit.
 */
async function loadConfig(
  dataDir: string,
  settingsRead: SettingsRead,
  logger: Logger,
  say: (line: string) => void,
): Promise<LoadedConfig> {
  const configRead = await readConfig(dataDir);
  const configPath = dataDirPaths(dataDir).config;

  if (configRead.ok) {
    return { config: configRead.value, source: 'central' };
  }
  if (configRead.reason === 'invalid') {
    logger.error('config_invalid', { field: configRead.field, problem: configRead.message });
    say(
      `Hymy: the terminal config ${configPath} is not valid (field "${configRead.field}": ` +
        `${configRead.message}); the kiosk shows "not ready" until a valid config arrives.`,
    );
    return { config: null, source: 'central' };
  }
  if (configRead.reason === 'unreadable') {
    logger.error('config_unreadable', { code: configRead.code });
    say(
      `Hymy: the terminal config ${configPath} cannot be read (${configRead.code}); ` +
        'the kiosk shows "not ready" until it can.',
    );
    return { config: null, source: 'central' };
  }

  if (!settingsRead.ok && settingsRead.reason === 'missing') {
    const demo = parseWith(TerminalConfigSchema, DEMO_CONFIG);
    if (!demo.ok) {
      // The demo is ours and covered by tests; failing here is a bug, not an operator fault.
      throw new Error(`DEMO_CONFIG is invalid at ${demo.field}: ${demo.message}`);
    }
    logger.info('config_demo');
    return { config: demo.value, source: 'demo' };
  }
  if (!settingsRead.ok) {
    const fields =
      settingsRead.reason === 'invalid'
        ? { field: settingsRead.field, problem: settingsRead.message }
        : { code: settingsRead.code };
    logger.error(`settings_${settingsRead.reason}`, fields);
  }
  logger.info('config_awaiting_central');
  return { config: null, source: 'central' };
}

/** Where answers go: an enrolled terminal's API and token; null before enrollment. */
function transportTarget(settings: SettingsRead): TransportTarget | null {
  if (!settings.ok || !settings.value.apiUrl || !settings.value.token) {
    return null;
  }
  return { apiUrl: settings.value.apiUrl, token: settings.value.token };
}

/** `--serial` if given, else the settings' `serial`, else the host's fallback. */
function chooseSerial(
  options: HostServicesOptions,
  settings: SettingsRead,
  logger: Logger,
): SerialChoice {
  if (options.serial !== undefined) {
    return options.serial;
  }
  if (settings.ok && settings.value.serial !== undefined) {
    const chosen = parseSerial(settings.value.serial);
    if (chosen) {
      return chosen;
    }
    logger.warn('settings_serial_invalid');
  }
  return options.serialFallback ?? { kind: 'none' };
}

/** The serial box of `--serial` (or the settings), driven for as long as the host runs. */
function driveSerialBox(
  serial: SerialChoice | undefined,
  config: () => TerminalConfig | null,
  logger: Logger,
): ButtonBoxPort | undefined {
  if (!serial || serial.kind === 'none') {
    return undefined;
  }
  const boxLogger = logger.with({ room: 'button-box' });
  const driver = startButtonBox({
    target: serial.kind === 'auto' ? { kind: 'auto' } : { kind: 'path', path: serial.path },
    logger: boxLogger,
    baudRate: () => config()?.buttonBox.baudRate ?? DEFAULT_BAUD_RATE,
  });
  return createBoxRelay(driver, {
    logger: boxLogger,
    lightMs: () => config()?.buttonBox.lightMs ?? DEFAULT_LIGHT_MS,
  });
}

/** What the heartbeat tells the central API: no answer, no person, only the terminal's health. */
function vitalSigns(
  appVersion: string,
  renderer: RendererStatus | null,
  box: ButtonBoxStatus | null,
): Heartbeat {
  return {
    appVersion,
    queued: renderer?.sync?.queued ?? 0,
    oldestQueuedAt: renderer?.sync?.oldestQueuedAt ?? null,
    lastSyncAt: renderer?.sync?.lastSyncAt ?? null,
    buttonBox: box ? { connected: box.connected, model: box.model, firmware: box.firmware } : null,
    clock: new Date().toISOString(),
  };
}

function describePoll(poll: ConfigPollStatus): NonNullable<CentralStatus['configPoll']> {
  const at = new Date().toISOString();
  if (poll.lastError === 'invalid') {
    return { at, error: 'invalid', field: poll.field, message: poll.message };
  }
  return { at, error: poll.lastError };
}

function describeBeat(outcome: HeartbeatOutcome): NonNullable<CentralStatus['heartbeat']> {
  return { at: new Date().toISOString(), error: outcome.ok ? null : outcome.reason };
}

type Listeners = { [K in BridgeEventName]: Set<(payload: BridgeEvents[K]) => void> };

export async function createHostServices(options: HostServicesOptions): Promise<HostServices> {
  const logger = (options.logger ?? createLogger()).with({ room: 'services' });
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The terminal's own settings, read once: they decide the config fallback, the box and sync.
  const settings = await readSettings(options.dataDir);
  const loaded = await loadConfig(options.dataDir, settings, logger, say);
  let config = loaded.config;
  let configSource = loaded.source;
  let renderer: RendererStatus | null = null;

  const listeners: Listeners = {
    'button:press': new Set(),
    'config:changed': new Set(),
    'status:changed': new Set(),
  };

  const emit = <K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void => {
    for (const listener of listeners[name]) {
      try {
        listener(payload);
      } catch (error) {
        // One failing listener must not keep the event from the others (the UI among them).
        logger.error('event_listener_failed', { name, code: errorCode(error) });
      }
    }
  };

  const target = transportTarget(settings);
  let central: CentralStatus | null = target
    ? {
        terminalId: settings.ok ? (settings.value.terminalId ?? null) : null,
        configPoll: null,
        configReceivedAt: null,
        heartbeat: null,
      }
    : null;

  const status = (): HostStatus => ({
    host: options.host,
    appVersion: options.appVersion,
    configSource,
    buttonBox: buttonBox ? buttonBox.status() : null,
    renderer,
    central,
  });

  const buttonBox =
    options.buttonBox ??
    driveSerialBox(chooseSerial(options, settings, logger), () => config, logger);
  const stopPresses = buttonBox?.onPress((press) => emit('button:press', press));
  const stopBoxStatus = buttonBox?.onStatus?.(() => emit('status:changed', status()));

  const handlers: BridgeHandlers = {
    'config:get': () => config,
    'status:get': () => status(),
    'status:report': (report) => {
      const before = JSON.stringify(renderer);
      if (before === JSON.stringify(report)) {
        // The UI may report on a timer; only a change is news for the log and the listeners.
        return;
      }
      const wasFailing = renderer !== null && !renderer.store.ok ? renderer.store.code : null;
      renderer = report;
      if (!report.store.ok && report.store.code !== wasFailing) {
        logger.error('renderer_store_failed', { code: report.store.code });
      }
      if (report.store.ok && wasFailing !== null) {
        logger.info('renderer_store_recovered');
      }
      emit('status:changed', status());
    },
    'button:ack': async ({ pressId }) => {
      // The renderer calls this only after the press is committed: lighting the button is the
      // box's promise to the patient that the answer counted.
      if (buttonBox) {
        await buttonBox.ack(pressId);
      }
    },
    // The token stays here in the host; the page hands over answers and hears the outcome.
    'sync:upload': ({ responses }) =>
      target ? uploadBatch(target, responses) : { ok: false, reason: 'not_enrolled' },
  };

  const setCentral = (next: Partial<CentralStatus>): void => {
    if (central) {
      central = { ...central, ...next };
      emit('status:changed', status());
    }
  };

  const applyConfig = (next: TerminalConfig, source: HostStatus['configSource']): void => {
    const sourceChanged = source !== configSource;
    config = next;
    configSource = source;
    emit('config:changed', next);
    if (sourceChanged) {
      emit('status:changed', status());
    }
  };

  // An enrolled terminal polls its config (ETag) and sends a heartbeat; the token stays here.
  const poller = target
    ? startConfigPoller({
        target,
        dataDir: options.dataDir,
        logger,
        ...(options.configPollMs !== undefined ? { intervalMs: options.configPollMs } : {}),
        async onConfig(next) {
          // Persisted before use: a restart runs on the same config the screen shows.
          await writeConfig(options.dataDir, next);
          applyConfig(next, 'central');
          setCentral({ configReceivedAt: new Date().toISOString() });
        },
        onStatus: (poll) => setCentral({ configPoll: describePoll(poll) }),
      })
    : null;
  const heartbeat = target
    ? startHeartbeat({
        target,
        logger,
        ...(options.heartbeatMs !== undefined ? { intervalMs: options.heartbeatMs } : {}),
        collect: () => vitalSigns(options.appVersion, renderer, buttonBox?.status() ?? null),
        onResult: (outcome) => setCentral({ heartbeat: describeBeat(outcome) }),
      })
    : null;

  return {
    handlers,
    status,
    on(name, listener) {
      const set = listeners[name];
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    setConfig: applyConfig,
    async close() {
      poller?.stop();
      heartbeat?.stop();
      stopPresses?.();
      stopBoxStatus?.();
      for (const set of Object.values(listeners)) {
        set.clear();
      }
      await buttonBox?.close?.();
    },
  };
}
