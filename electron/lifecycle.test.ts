import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { BridgeHandlers, ShellStatus } from '../core';
import { sampleHostStatus } from '../core/sample-bridge-events';
import { createLogger } from '../host/log';
import { manualClock } from '../core/timers';
import type { HostServices, HostServicesOptions } from '../host/services-types';

// The whole of Electron's main-process surface that lifecycle.ts touches, replaced at the
// module boundary. `ready` is resolved by each test, so "before ready" can be checked.
const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');

  class FakeWebContents extends EventEmitter {
    readonly send = vi.fn();
    readonly forcefullyCrashRenderer = vi.fn();
    isDestroyed(): boolean {
      return false;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    /** How many of the next loads fail, as a page that cannot be served would. */
    static loadsToFail = 0;
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(() => {
      if (FakeBrowserWindow.loadsToFail > 0) {
        FakeBrowserWindow.loadsToFail -= 1;
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
      return Promise.resolve();
    });
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => false);
    destroyed = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
      this.emit('closed');
    }
    /** As a visitor's Alt+F4 or a lost window would: gone, and 'closed' told. */
    close(): void {
      this.destroy();
    }
  }

  let resolveReady: () => void = () => undefined;
  const paths = new Map<string, string>();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    commandLine: { appendSwitch: vi.fn() },
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: vi.fn(() => '0.1.0'),
    setPath: vi.fn((name: string, value: string) => {
      paths.set(name, value);
    }),
    getPath: vi.fn((name: string) => paths.get(name) ?? `/home/kiosk/.config/${name}`),
    whenReady: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          resolveReady = resolve;
        }),
    ),
  });

  const reset = (): void => {
    app.removeAllListeners();
    paths.clear();
    FakeBrowserWindow.created = [];
    FakeBrowserWindow.loadsToFail = 0;
    vi.clearAllMocks();
  };

  return {
    app,
    FakeBrowserWindow,
    ready: () => resolveReady(),
    reset,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        on: vi.fn(),
      },
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    // No OS keystore in this fake: the token stays in the 0600 settings file.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => false),
      getSelectedStorageBackend: vi.fn(() => 'basic_text'),
      encryptString: vi.fn(),
      decryptString: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: electron.ipcMain,
  Menu: electron.Menu,
  powerSaveBlocker: electron.powerSaveBlocker,
  protocol: electron.protocol,
  safeStorage: electron.safeStorage,
  session: electron.session,
}));

const { startKiosk, KIOSK_READY_LINE } = await import('./lifecycle');

function fakeServices(): HostServices {
  const handlers = {} as BridgeHandlers;
  return {
    handlers,
    on: () => () => undefined,
    close: vi.fn(() => Promise.resolve()),
    status: () => sampleHostStatus({ host: 'electron', hardwareId: null }),
    setConfig: () => undefined,
    setShell: () => undefined,
  };
}

/** Lets the promise chain after `ready` run to its next stop. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function start(argv: string[] = ['electron', '/repo'], options: { quietLog?: boolean } = {}) {
  const close = vi.fn(() => Promise.resolve());
  const shells: ShellStatus[] = [];
  const services = {
    ...fakeServices(),
    close,
    setShell: (shell: ShellStatus) => shells.push(shell),
  };
  const createServices = vi.fn((_options: HostServicesOptions) => Promise.resolve(services));
  const stdout: string[] = [];
  const logLines: string[] = [];
  const timers = manualClock();
  const clock = { at: Date.parse('2026-11-23T10:00:00.000Z') };
  const processEvents = new EventEmitter();
  startKiosk({
    argv,
    distDir: '/repo/dist',
    createServices,
    ...(options.quietLog === false
      ? {}
      : { logger: createLogger({ write: (line) => logLines.push(line) }) }),
    writeStdout: (line) => stdout.push(line),
    timers: timers.timers,
    now: () => clock.at,
    processEvents,
  });
  const window = () => {
    const created = electron.FakeBrowserWindow.created[0];
    if (created === undefined) {
      throw new Error('no window was created');
    }
    return created;
  };
  const latest = () => {
    const created = electron.FakeBrowserWindow.created.at(-1);
    if (created === undefined) {
      throw new Error('no window was created');
    }
    return created;
  };
  /** Lets the next heal's backoff pass: moves the clock and runs its timer. */
  const wait = (): number => {
    const ms = timers.pending()[0] ?? 0;
    clock.at += ms;
    timers.fire();
    return ms;
  };
  const events = () => logLines.map((line) => (JSON.parse(line) as { event: string }).event);
  return {
    services,
    close,
    createServices,
    stdout,
    window,
    latest,
    wait,
    timers,
    shells,
    logLines,
    events,
    processEvents,
  };
}

beforeEach(() => {
  electron.reset();
});

describe('before ready', () => {
  it('registers the app scheme as standard and secure and hardens the app', () => {
    const kiosk = start();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith(
      'disable-features',
      'DeferRendererTasksAfterInput,Translate',
    );
    // Nothing that needs a ready app has been touched yet.
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(kiosk.createServices).not.toHaveBeenCalled();
  });

  it('keeps everything of a terminal started with --data-dir in that dir', () => {
    start(['electron', '/repo', '--data-dir', '/srv/hymy']);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', '/srv/hymy');
    expect(electron.app.setPath).toHaveBeenCalledWith('sessionData', '/srv/hymy/electron-profile');
  });

  it('uses the user-data folder as the data dir when none is given', () => {
    start();
    expect(electron.app.setPath).not.toHaveBeenCalledWith('userData', expect.anything());
    expect(electron.app.setPath).toHaveBeenCalledWith(
      'sessionData',
      '/home/kiosk/.config/userData/electron-profile',
    );
  });

  it('lets a second instance on the same data dir quit at once', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const kiosk = start();
    electron.ready();
    await settle();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(kiosk.createServices).not.toHaveBeenCalled();
  });
});

describe('once ready', () => {
  it('creates the services, wires the bridge and opens the hardened kiosk window', async () => {
    const kiosk = start(['electron', '/repo', '--data-dir', '/srv/hymy']);
    electron.ready();
    await settle();

    expect(kiosk.createServices).toHaveBeenCalledWith({
      dataDir: '/srv/hymy',
      profileDir: '/srv/hymy/electron-profile',
      host: 'electron',
      appVersion: '0.1.0',
      serialFallback: { kind: 'auto' },
      demo: false,
      logger: expect.anything() as unknown,
      tokenVault: expect.objectContaining({ kind: 'safe-storage' }) as unknown,
    });
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle).toHaveBeenCalledWith('bridge:call', expect.any(Function));
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);

    const { options, loadURL } = kiosk.window();
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/repo/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true,
    });
    expect(loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
  });

  it('prints "kiosk ready app://kiosk/" once the page has loaded, and only then', async () => {
    const kiosk = start();
    electron.ready();
    await settle();
    expect(kiosk.stdout).toEqual([]);
    kiosk.window().webContents.emit('did-finish-load');
    kiosk.window().webContents.emit('did-finish-load');
    expect(kiosk.stdout).toEqual([`${KIOSK_READY_LINE}\n`]);
    expect(KIOSK_READY_LINE).toBe('kiosk ready app://kiosk/');
  });

  it('brings the kiosk back to the front when a second instance starts', async () => {
    const kiosk = start();
    electron.ready();
    await settle();
    kiosk.window().isMinimized.mockReturnValue(true);
    electron.app.emit('second-instance');
    expect(kiosk.window().restore).toHaveBeenCalledOnce();
    expect(kiosk.window().focus).toHaveBeenCalledOnce();
  });

  it('exits with 1 when the services cannot start', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const kiosk = start();
    kiosk.createServices.mockRejectedValueOnce(new Error('EACCES'));
    electron.ready();
    await settle();
    await settle();
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.FakeBrowserWindow.created).toEqual([]);
    stderr.mockRestore();
  });
});

describe('quitting', () => {
  it('closes the services once, then lets the app quit', async () => {
    const kiosk = start();
    electron.ready();
    await settle();

    const first = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    // A second quit request while closing waits for the same close.
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    await settle();
    expect(kiosk.close).toHaveBeenCalledOnce();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('bridge:call');
    expect(electron.app.quit).toHaveBeenCalledOnce();

    const last = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('does not quit when a visitor closes the window: the window comes back', async () => {
    const kiosk = start();
    electron.ready();
    await settle();
    kiosk.window().close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
    kiosk.wait();
    expect(electron.FakeBrowserWindow.created).toHaveLength(2);
  });

  it('does not bring the window back once the app is quitting', async () => {
    const kiosk = start();
    electron.ready();
    await settle();
    electron.app.emit('before-quit');
    kiosk.window().close();
    expect(kiosk.timers.pending()).toEqual([]);
    expect(electron.FakeBrowserWindow.created).toHaveLength(1);
  });
});

describe('self-healing', () => {
  async function running() {
    const kiosk = start();
    electron.ready();
    await settle();
    return kiosk;
  }

  it('tells the status screen of a clean shell once the window opens', async () => {
    const kiosk = await running();
    expect(kiosk.shells).toEqual([
      { rendererRestarts: 0, lastRestartAt: null, lastRestartReason: null, windowRecreations: 0 },
    ]);
  });

  it('reloads the kiosk a second after its renderer crashed, and reports the restart', async () => {
    const kiosk = await running();
    kiosk
      .window()
      .webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(kiosk.timers.pending()).toEqual([1000]);
    expect(kiosk.window().loadURL).toHaveBeenCalledTimes(1);
    kiosk.wait();
    expect(kiosk.window().loadURL).toHaveBeenCalledTimes(2);
    expect(kiosk.window().loadURL).toHaveBeenLastCalledWith('app://kiosk/index.html');
    expect(kiosk.shells.at(-1)).toEqual({
      rendererRestarts: 1,
      lastRestartAt: '2026-11-23T10:00:01.000Z',
      lastRestartReason: 'crashed',
      windowRecreations: 0,
    });
    expect(kiosk.events()).toContain('renderer_gone');
  });

  it('waits longer after each crash in a row, never more than five minutes', async () => {
    const kiosk = await running();
    const waits: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      kiosk.window().webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
      waits.push(kiosk.wait());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000]);
    expect(kiosk.shells.at(-1)?.rendererRestarts).toBe(10);
  });

  it('reloads a renderer hung for ten seconds, after killing it', async () => {
    const kiosk = await running();
    kiosk.window().emit('unresponsive');
    expect(kiosk.wait()).toBe(10_000);
    expect(kiosk.wait()).toBe(1000);
    expect(kiosk.window().webContents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    expect(kiosk.window().loadURL).toHaveBeenCalledTimes(2);
    expect(kiosk.shells.at(-1)).toMatchObject({
      rendererRestarts: 1,
      lastRestartReason: 'unresponsive',
    });
  });

  it('makes a window lost while running again, and counts it', async () => {
    const kiosk = await running();
    kiosk.window().close();
    expect(kiosk.timers.pending()).toEqual([1000]);
    kiosk.wait();
    const again = kiosk.latest();
    expect(again).not.toBe(kiosk.window());
    expect(again.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(again.loadURL).toHaveBeenCalledWith('app://kiosk/index.html');
    expect(kiosk.shells.at(-1)).toMatchObject({ windowRecreations: 1 });
    // The bridge now talks to the new window.
    electron.app.emit('second-instance');
    expect(again.focus).toHaveBeenCalledOnce();
    // The operator contract line is not printed again for the new window.
    kiosk.window().webContents.emit('did-finish-load');
    again.webContents.emit('did-finish-load');
    expect(kiosk.stdout).toEqual([`${KIOSK_READY_LINE}\n`]);
  });

  it('makes the window again, with the backoff, while its page fails to load', async () => {
    electron.FakeBrowserWindow.loadsToFail = 2;
    const kiosk = start();
    electron.ready();
    await settle();
    await settle();
    expect(kiosk.window().destroyed).toBe(true);
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(kiosk.wait()).toBe(1000);
    await settle();
    expect(kiosk.wait()).toBe(2000);
    await settle();
    expect(electron.FakeBrowserWindow.created).toHaveLength(3);
    expect(kiosk.latest().destroyed).toBe(false);
    expect(kiosk.timers.pending()).toEqual([]);
    expect(kiosk.shells.at(-1)).toMatchObject({ windowRecreations: 2 });
    expect(kiosk.events()).toContain('kiosk_window_lost');
  });

  it('keeps running through a main-process error, logging its code only', async () => {
    const kiosk = await running();
    kiosk.processEvents.emit(
      'uncaughtException',
      Object.assign(new Error('ENOENT /home/anna/answers'), { code: 'ENOENT' }),
    );
    kiosk.processEvents.emit('unhandledRejection', new RangeError('patient said x'));
    const logged = kiosk.logLines.filter((line) => line.includes('main_process_error'));
    expect(logged.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ kind: 'uncaughtException', code: 'ENOENT' }),
      expect.objectContaining({ kind: 'unhandledRejection', code: 'RangeError' }),
    ]);
    expect(kiosk.logLines.join('')).not.toMatch(/anna|patient/);
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(kiosk.timers.pending()).toEqual([]);
  });

  it('brings the window back after a main-process error took it', async () => {
    const kiosk = await running();
    kiosk.window().destroyed = true;
    kiosk.processEvents.emit('uncaughtException', new Error('x'));
    kiosk.wait();
    expect(electron.FakeBrowserWindow.created).toHaveLength(2);
    expect(kiosk.shells.at(-1)).toMatchObject({ windowRecreations: 1 });
  });

  it('stops healing when the app quits', async () => {
    const kiosk = await running();
    kiosk.window().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    electron.app.emit('will-quit', { preventDefault: vi.fn() });
    expect(kiosk.timers.pending()).toEqual([]);
  });
});

describe('the log in the data dir', () => {
  it('keeps the Electron app’s log lines in DATA_DIR/logs/hymy.log as well as stderr', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hymy-electron-'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const kiosk = start(['electron', '/repo', '--data-dir', dataDir], { quietLog: false });
      electron.ready();
      await settle();
      kiosk.window().webContents.emit('did-finish-load');
      electron.app.emit('will-quit', { preventDefault: vi.fn() });
      await settle();
      const file = fs.readFileSync(path.join(dataDir, 'logs', 'hymy.log'), 'utf8');
      expect(file).toContain('"event":"kiosk_ready"');
      expect(file).toContain('"room":"electron"');
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('"event":"kiosk_ready"'));
      expect(fs.statSync(path.join(dataDir, 'logs', 'hymy.log')).mode & 0o777).toBe(0o600);
    } finally {
      stderr.mockRestore();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
