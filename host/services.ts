import type {
  BridgeEventName,
  BridgeEvents,
  BridgeHandlers,
  CentralStatus,
  HostStatus,
  JournalWriteResult,
  RendererStatus,
  StorageStatus,
  ShellStatus,
  TerminalConfig,
} from '../core';
import { DEMO_CONFIG } from '../core/demo';
import { exportCovers, type EnrollArgs, type EnrollResult } from '../core/technician';
import { reserveBytes, TerminalConfigSchema } from '../core/terminal-config';
import { parseWith } from '../core/validation';
import { DEFAULT_BAUD_RATE, startButtonBox } from '../hardware/button-box';
import { createBoxRelay } from './box-relay';
import { startCentralLink, type CentralLink } from './central-link';
import { dataDirPaths } from './data-dir';
import { enrollFailureReason, enrollTerminal } from './enrollment';
import { listExportTargets } from './export-targets';
import { createExportWriter } from './export-writer';
import { forgetEnrollment } from './factory-reset';
import { hardwareId as findOrMakeHardwareId } from './hardware-id';
import { vitalSigns } from './heartbeat';
import { openJournal } from './journal';
import { startStorageWatch, terminalPlaces } from './storage-watch';
import { createLogger, errorCode, type Logger } from './log';
import { parseSerial } from './serial-choice';
import { createServiceSession } from './service-session';
import type {
  ButtonBoxPort,
  HostServices,
  HostServicesOptions,
  SerialChoice,
} from './services-types';
import { uploadBatch, type TransportTarget } from './sync-transport';
import {
  isEnrolled,
  readConfig,
  readSettings,
  updateSettings,
  withDefaultLanguage,
  writeConfig,
  type TerminalSettings,
} from './terminal-files';
import { fileVault, loadToken, readToken, type TokenRead } from './token-vault';

/** As the config schema's default, for the moments before any config is known. */
const DEFAULT_LIGHT_MS = 1500;
/** Failed re-opens of the page's store (1 + 2 + 4 + 8 + 16 s of trying) before the host reloads it. */
const RELOAD_AFTER_REOPEN_FAILURES = 5;
/** A page that still cannot open its store is reloaded again no sooner than this. */
const RELOAD_EVERY_MS = 60_000;

type SettingsRead = Awaited<ReturnType<typeof readSettings>>;

type LoadedConfig = { config: TerminalConfig | null; source: HostStatus['configSource'] };

/**
 * Decides which config the terminal runs on at start:
 * - `config.json` valid → it (from the central API);
 * - never enrolled (no `settings.json`, or one with only local choices) and no `config.json` →
 *   no config (`none`): the UI shows the first-run screen; with `demo`, the built-in demo unit;
 * - `config.json` invalid or unreadable → no config: the UI shows "not ready" rather than
 *   collect answers under a unit or survey that may be wrong;
 * - enrolled (or settings that cannot be read) but no config yet → no config until the poller
 *   brings one. An enrolled terminal never falls back to the demo or the first-run screen: its
 *   answers would count for the wrong unit, or a passer-by could enroll it elsewhere.
 */
async function loadConfig(
  dataDir: string,
  settingsRead: SettingsRead,
  demo: boolean,
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
      `the terminal config ${configPath} is not valid (field "${configRead.field}": ` +
        `${configRead.message}); the kiosk shows "not ready" until a valid config arrives.`,
    );
    return { config: null, source: 'central' };
  }
  if (configRead.reason === 'unreadable') {
    logger.error('config_unreadable', { code: configRead.code });
    say(
      `the terminal config ${configPath} cannot be read (${configRead.code}); ` +
        'the kiosk shows "not ready" until it can.',
    );
    return { config: null, source: 'central' };
  }

  const notSetUp = settingsRead.ok
    ? !isEnrolled(settingsRead.value)
    : settingsRead.reason === 'missing';
  if (notSetUp && !demo) {
    logger.info('config_none');
    return { config: null, source: 'none' };
  }
  if (notSetUp) {
    const parsed = parseWith(TerminalConfigSchema, DEMO_CONFIG);
    if (!parsed.ok) {
      // The demo is ours and covered by tests; failing here is a bug, not an operator fault.
      throw new Error(`DEMO_CONFIG is invalid at ${parsed.field}: ${parsed.message}`);
    }
    logger.info('config_demo');
    return { config: parsed.value, source: 'demo' };
  }
  if (!settingsRead.ok && settingsRead.reason !== 'missing') {
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
function transportTarget(settings: TerminalSettings, token: TokenRead): TransportTarget | null {
  return settings.apiUrl && 'token' in token
    ? { apiUrl: settings.apiUrl, token: token.token }
    : null;
}

/** What the status shows of a sealed token this machine's keystore no longer opens. */
const TOKEN_UNOPENABLE = 'token_unopenable';

/** `--serial` if given, else the settings' `serial`, else the host's fallback. */
function chooseSerial(
  options: HostServicesOptions,
  settings: TerminalSettings,
  logger: Logger,
): SerialChoice {
  if (options.serial !== undefined) {
    return options.serial;
  }
  if (settings.serial !== undefined) {
    const chosen = parseSerial(settings.serial);
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

function freshCentral(terminalId: string | null): CentralStatus {
  return { terminalId, configPoll: null, configReceivedAt: null, heartbeat: null, clock: null };
}

/** Runs async steps one after another: config, settings and enrollment never interleave. */
function oneAtATime(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = tail.then(step);
    tail = run.catch(() => undefined);
    return run;
  };
}

type Listeners = { [K in BridgeEventName]: Set<(payload: BridgeEvents[K]) => void> };

export async function createHostServices(options: HostServicesOptions): Promise<HostServices> {
  const { dataDir } = options;
  const logger = (options.logger ?? createLogger()).with({ room: 'services' });
  const say = options.say ?? ((line: string) => process.stderr.write(`hymy: ${line}\n`));
  const [settingsRead, hardwareId] = await Promise.all([
    readSettings(dataDir),
    // Found, or made and kept at once, so that enrolling sends the id the screen shows.
    findOrMakeHardwareId(dataDir, options.hardwareId).catch((error: unknown) => {
      logger.warn('hardware_id_unknown', { code: errorCode(error) });
      return null;
    }),
  ]);
  // The second copy of every answer: read before the page can ask what its store has lost.
  const journal = await openJournal({ path: dataDirPaths(dataDir).journal, logger });
  const vault = options.tokenVault ?? fileVault;
  // The terminal's own settings as the host last read or wrote them, and the token they hold
  // (a plain one is sealed here when the vault can).
  const start = await loadToken(dataDir, settingsRead.ok ? settingsRead.value : {}, vault, logger);
  let settings: TerminalSettings = start.settings;
  let token: TokenRead = start.read;
  const loaded = await loadConfig(dataDir, settingsRead, options.demo === true, logger, say);
  // The config as the central API (or the demo) gave it; the kiosk's is `servedConfig()`.
  let config = loaded.config;
  let configSource = loaded.source;
  let renderer: RendererStatus | null = null;
  let lastExport = settings.lastExport ?? null;
  let central: CentralStatus | null = null;
  let shell: ShellStatus | null = null;
  let link: CentralLink | null = null;
  let lastReloadAt: number | null = null;
  const inOrder = oneAtATime();
  // Set by close(): a host that is stopping starts no new link.
  let closing = false;
  /** Work started and not awaited where it began (an old link stopping): close() waits for it. */
  const unsettled = new Set<Promise<void>>();
  const track = (work: Promise<unknown>): void => {
    const done = (): void => {
      unsettled.delete(settled);
    };
    const settled = work.then(done, done);
    unsettled.add(settled);
  };
  const clockMs = options.now ?? Date.now;

  const listeners: Listeners = {
    'button:press': new Set(),
    'config:changed': new Set(),
    'status:changed': new Set(),
    'service:closed': new Set(),
    'page:reload': new Set(),
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

  /** The technician's default language, while the config offers it. */
  const chosenLanguage = (): string | null => {
    const language = settings.defaultLanguage;
    return language !== undefined && config?.languages.includes(language) ? language : null;
  };
  const servedConfig = (): TerminalConfig | null =>
    config && withDefaultLanguage(config, settings.defaultLanguage);

  const buttonBox =
    options.buttonBox ??
    driveSerialBox(chooseSerial(options, settings, logger), () => config, logger);

  // Room to work: the data dir (journal, logs) and the profile (IndexedDB) against the reserve.
  const storage = startStorageWatch({
    places: terminalPlaces(dataDir, options.profileDir),
    reserveBytes: () => reserveBytes(config),
    logger,
  });
  const storageStatus = (): StorageStatus | null => storage.status();
  const stopStorageNews = storage.onChange(() => emit('status:changed', status()));

  const session = createServiceSession({
    dataDir,
    pinHash: () => settings.pinHash,
    logger,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.now ? { now: options.now } : {}),
    onOpen: () => emit('status:changed', status()),
    onClose(why) {
      // An export left open is never finished: its temporary files go.
      track(exports.abandonAll());
      emit('status:changed', status());
      if (why === 'idle') {
        emit('service:closed', null);
      }
    },
  });

  const exports = createExportWriter({
    fileStem: () => `hymy-${settings.terminalId ?? hardwareId ?? 'terminal'}`,
    logger,
    // An export to the terminal's own disk leaves the reserve for answers.
    reserve: {
      places: terminalPlaces(dataDir, options.profileDir).map((place) => place.path),
      reserveBytes: () => reserveBytes(config),
    },
  });

  const status = (): HostStatus => ({
    host: options.host,
    appVersion: options.appVersion,
    configSource,
    hardwareId,
    defaultLanguage: chosenLanguage(),
    serviceOpen: session.isOpen(),
    lastExport,
    buttonBox: buttonBox ? buttonBox.status() : null,
    renderer,
    central,
    shell,
    journal: journal.status(),
    storage: storageStatus(),
  });

  const setCentral = (next: Partial<CentralStatus>): void => {
    if (central) {
      central = { ...central, ...next };
      emit('status:changed', status());
    }
  };

  const applyConfig = (next: TerminalConfig, source: HostStatus['configSource']): void => {
    config = next;
    configSource = source;
    // The reserve may have changed with it.
    void storage.check();
    const served = servedConfig();
    if (served) {
      emit('config:changed', served);
    }
    emit('status:changed', status());
  };

  /** Keeps a settings change in memory at once, and on the disk when it can. */
  const saveSettings = async (change: Partial<TerminalSettings>): Promise<void> => {
    settings = { ...settings, ...change };
    try {
      settings = await updateSettings(dataDir, change);
    } catch (error) {
      // In memory it still holds; only a restart would forget it.
      logger.error('settings_not_saved', { code: errorCode(error) });
    }
  };

  /** (Re)connects to the API the settings name: the old poller and heartbeat stop first. */
  const connect = (): void => {
    if (link) {
      track(link.stop());
    }
    const target = closing ? null : transportTarget(settings, token);
    const current = target
      ? startCentralLink(target, {
          dataDir,
          logger,
          configPollMs: options.configPollMs,
          heartbeatMs: options.heartbeatMs,
          collect: () =>
            vitalSigns(
              options.appVersion,
              renderer,
              buttonBox?.status() ?? null,
              journal.status(),
              storageStatus(),
            ),
          onConfig: (next) =>
            inOrder(async () => {
              if (link !== current) {
                return; // A newer enrollment took over while this one waited its turn.
              }
              // Persisted before use: a restart runs on the same config the screen shows.
              await writeConfig(dataDir, next);
              applyConfig(next, 'central');
              setCentral({ configReceivedAt: new Date().toISOString() });
            }),
          onCentral: setCentral,
        })
      : null;
    link = current;
  };

  // Enrolling from the screen: the first run, or a re-enrollment in a service session.
  const enrollNow = (args: EnrollArgs): Promise<EnrollResult> =>
    inOrder(async () => {
      // Asked again in turn: an enrollment that finished meanwhile makes the terminal enrolled.
      if (configSource === 'central' && !session.isOpen()) {
        return { ok: false, reason: 'not_allowed' };
      }
      const outcome = await enrollTerminal({
        dataDir,
        apiUrl: args.apiUrl,
        code: args.code,
        pin: args.pin,
        appVersion: options.appVersion,
        ...(options.hardwareId ? { hardwareId: options.hardwareId } : {}),
        tokenVault: vault,
      });
      if (!outcome.ok) {
        logger.warn('screen_enroll_failed', { reason: outcome.reason });
        return { ok: false, reason: enrollFailureReason(outcome.reason) };
      }
      const reread = await readSettings(dataDir);
      settings = reread.ok ? reread.value : settings;
      token = readToken(settings, vault);
      lastExport = settings.lastExport ?? lastExport;
      central = { ...freshCentral(outcome.terminalId), configReceivedAt: new Date().toISOString() };
      connect();
      applyConfig(outcome.config, 'central');
      logger.info('screen_enrolled', { terminalId: outcome.terminalId });
      return { ok: true, terminalId: outcome.terminalId, unitId: outcome.unitId };
    });

  const forgetTerminal = async (): Promise<{ ok: true } | { ok: false; reason: 'failed' }> => {
    // Stopped before the files go, so no poll writes a config back behind the reset.
    if (link) {
      track(link.stop());
    }
    link = null;
    // The journal first: answers restored into a terminal enrolled anew would count for the
    // wrong unit. The reset's guard made sure an export holds every unsent one.
    const emptied = await journal.forget();
    const forgotten = emptied.ok
      ? await forgetEnrollment(dataDir)
      : { ok: false, code: emptied.reason };
    if (!forgotten.ok) {
      logger.error('factory_reset_failed', { code: forgotten.code });
      // Whatever is left on the disk decides: a terminal still enrolled keeps syncing.
      const reread = await readSettings(dataDir);
      if (reread.ok) {
        settings = reread.value;
        token = readToken(settings, vault);
        connect();
      }
      return { ok: false, reason: 'failed' };
    }
    settings = {};
    token = { state: 'none' };
    config = null;
    configSource = 'none';
    central = null;
    lastExport = null;
    session.forgetLock();
    logger.info('factory_reset');
    // The UI hears status:changed (configSource none) and starts again at the first-run screen.
    session.close('reset');
    return { ok: true };
  };

  /** A journal write's result; the status is news when the journal's health changed. */
  const journaled = async (write: Promise<JournalWriteResult>): Promise<JournalWriteResult> => {
    const before = journal.status().problem;
    const result = await write;
    if (journal.status().problem !== before) {
      // A full disk is news for the storage row too, not only in 30 s.
      await storage.check().catch(() => undefined);
      emit('status:changed', status());
    }
    return result;
  };

  /**
   * A page whose store keeps failing to re-open (Chromium may have closed or discarded it) is
   * loaded again, which is what a technician would otherwise do by hand; at most once a minute.
   */
  const reloadIfStuck = (report: RendererStatus): void => {
    if (report.store.ok || report.store.reopenFailures < RELOAD_AFTER_REOPEN_FAILURES) {
      return;
    }
    const at = clockMs();
    if (lastReloadAt !== null && at - lastReloadAt < RELOAD_EVERY_MS) {
      return;
    }
    lastReloadAt = at;
    logger.warn('page_reload', { code: report.store.code, failures: report.store.reopenFailures });
    emit('page:reload', null);
  };

  const handlers: BridgeHandlers = {
    'config:get': () => servedConfig(),
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
      reloadIfStuck(report);
    },
    'button:ack': async ({ pressId }) => {
      // The renderer calls this only after the press is committed: lighting the button is the
      // box's promise to the patient that the answer counted.
      if (buttonBox) {
        await buttonBox.ack(pressId);
      }
    },
    // The token stays here in the host; the page hands over answers and hears the outcome.
    // A token the keystore no longer opens is as good as refused: `unauthorized` stops the UI's
    // retries and turns its sync light red until the technician re-enrolls (not_enrolled would
    // look like a terminal that was never set up, and be retried forever).
    'sync:upload': async ({ responses }) => {
      if (!link) {
        return {
          ok: false,
          reason: token.state === 'unopenable' ? 'unauthorized' : 'not_enrolled',
        };
      }
      const outcome = await uploadBatch(link.target, responses);
      if (outcome.ok) {
        // The server holds them now (or never will): they leave the journal.
        track(
          journal.confirm([
            ...outcome.accepted,
            ...outcome.duplicate,
            ...outcome.rejected.map((item) => item.id),
          ]),
        );
      }
      return outcome;
    },
    // The promise of the thank-you and the box's light: the answer is on the disk twice.
    'journal:append': ({ response }) => journaled(journal.append(response)),
    'journal:withdraw': ({ id }) => journaled(journal.withdraw(id)),
    'journal:unconfirmed': () => ({ ids: journal.unconfirmedIds() }),
    'journal:read': ({ ids }) => ({ responses: journal.read(ids) }),
    'journal:restored': async ({ restored, settled }) => {
      if (restored > 0) {
        journal.noteRestored(restored);
        say(`store restored: ${restored} answers`);
        emit('status:changed', status());
      }
      await journal.confirm(settled);
    },

    // A terminal never enrolled (or on the demo) may be enrolled by anyone at the screen; an
    // enrolled one only by a technician with its PIN.
    'setup:enroll': async (args) => {
      if (configSource !== 'central') {
        return enrollNow(args);
      }
      const result = await session.guard(() => enrollNow(args));
      return result.ok || result.reason !== 'session_closed'
        ? result
        : { ok: false, reason: 'not_allowed' };
    },
    'service:pin-state': () => session.pinState(),
    'service:unlock': ({ pin }) => session.unlock(pin),
    'service:touch': () => ({ open: session.touch() }),
    'service:close': () => session.close('closed'),
    'service:export-targets': () =>
      session.guard(async () => ({
        ok: true as const,
        targets: await listExportTargets({
          dataDir,
          ...(options.exportRoots ? { removableRoots: options.exportRoots } : {}),
          ...(options.isMountPoint ? { isMountPoint: options.isMountPoint } : {}),
        }),
        last: lastExport,
      })),
    'service:export-open': ({ dir }) => session.guard(() => exports.open(dir)),
    'service:export-append': ({ exportId, file, text }) =>
      session.guard(async () => {
        const appended = await exports.append(exportId, file, text);
        return appended.ok ? { ok: true as const, files: [] } : appended;
      }),
    'service:export-close': ({ exportId, summary }) =>
      session.guard(async () => {
        const done = await exports.close(exportId, summary);
        if (!done.ok) {
          return done;
        }
        lastExport = done.lastExport;
        // Kept in the settings: the factory reset's guard must hold after a restart too.
        await inOrder(() => saveSettings({ lastExport: done.lastExport }));
        emit('status:changed', status());
        return { ok: true as const, files: done.lastExport.files };
      }),
    'service:set-language': ({ language }) =>
      session.guard(() =>
        inOrder(async () => {
          const current = config;
          if (!current?.languages.includes(language)) {
            return { ok: false as const, reason: 'not_offered' as const };
          }
          await saveSettings({ defaultLanguage: language });
          applyConfig(current, configSource);
          return { ok: true as const };
        }),
      ),
    'service:factory-reset': ({ unsent, newestUnsentAt }) =>
      session.guard(() =>
        inOrder(async () => {
          if (!exportCovers(lastExport, unsent, newestUnsentAt)) {
            logger.warn('factory_reset_refused', { unsent });
            return { ok: false as const, reason: 'unsent_not_exported' as const };
          }
          return forgetTerminal();
        }),
      ),
  };

  const stopPresses = buttonBox?.onPress((press) => emit('button:press', press));
  const stopBoxStatus = buttonBox?.onStatus?.(() => emit('status:changed', status()));

  // An enrolled terminal polls its config (ETag) and sends a heartbeat; the token stays here.
  if (transportTarget(settings, token)) {
    central = freshCentral(settings.terminalId ?? null);
    connect();
  } else if (token.state === 'unopenable') {
    // No poll or heartbeat can run without the token; the status screen says why.
    const failed = { at: new Date().toISOString(), error: TOKEN_UNOPENABLE };
    central = {
      ...freshCentral(settings.terminalId ?? null),
      configPoll: failed,
      heartbeat: failed,
    };
    say(
      'the terminal token in settings.json was sealed by a keystore this machine no ' +
        'longer opens; the terminal does not sync until a technician enrolls it again.',
    );
  }

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
    setShell(next) {
      shell = next;
      emit('status:changed', status());
    },
    // Resolves only once nothing more is written: timers stopped, work under way settled.
    async close() {
      closing = true;
      if (link) {
        track(link.stop());
      }
      link = null;
      // The session waits for its guarded calls, so no export opens after the abandon below.
      track(session.dispose());
      // Settling work may start more (an enrollment in the queue stops the link it replaces).
      do {
        await Promise.all([...unsettled, inOrder(() => Promise.resolve())]);
      } while (unsettled.size > 0);
      await exports.abandonAll();
      stopPresses?.();
      stopBoxStatus?.();
      for (const set of Object.values(listeners)) {
        set.clear();
      }
      await buttonBox?.close?.();
      stopStorageNews();
      await storage.stop();
      await journal.close();
    },
  };
}
