import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { BridgeHandlers } from '../core';
import { createLogger } from '../host/log';
import type { HostServices, HostServicesOptions } from '../host/services-types';

// The whole of Electron's main-process surface that lifecycle.ts touches, replaced at the
// module boundary. `ready` is resolved by each test, so "before ready" can be checked.
const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');

  class FakeWebContents extends EventEmitter {
    readonly send = vi.fn();
    isDestroyed(): boolean {
      return false;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => false);
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    isDestroyed(): boolean {
      return false;
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
  };
});

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: electron.ipcMain,
  Menu: electron.Menu,
  powerSaveBlocker: electron.powerSaveBlocker,
  protocol: electron.protocol,
  session: electron.session,
}));

const { startKiosk, KIOSK_READY_LINE } = await import('./lifecycle');

function fakeServices(): HostServices {
  const handlers = {} as BridgeHandlers;
  return {
    handlers,
    on: () => () => undefined,
    close: vi.fn(() => Promise.resolve()),
    status: () => ({
      host: 'electron',
      appVersion: '0.1.0',
      configSource: 'demo',
      hardwareId: null,
      defaultLanguage: null,
      serviceOpen: false,
      lastExport: null,
      buttonBox: null,
      renderer: null,
      central: null,
      shell: null,
    }),
    setConfig: () => undefined,
    setShell: () => undefined,
  };
}

/** Lets the promise chain after `ready` run to its next stop. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function start(argv: string[] = ['electron', '/repo']) {
  const close = vi.fn(() => Promise.resolve());
  const services = { ...fakeServices(), close };
  const createServices = vi.fn((_options: HostServicesOptions) => Promise.resolve(services));
  const stdout: string[] = [];
  startKiosk({
    argv,
    distDir: '/repo/dist',
    createServices,
    logger: createLogger({ write: () => undefined }),
    writeStdout: (line) => stdout.push(line),
  });
  const window = () => {
    const created = electron.FakeBrowserWindow.created[0];
    if (created === undefined) {
      throw new Error('no window was created');
    }
    return created;
  };
  return { services, close, createServices, stdout, window };
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
      host: 'electron',
      appVersion: '0.1.0',
      serialFallback: { kind: 'auto' },
      demo: false,
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

  it('quits when the window is closed', async () => {
    start();
    electron.ready();
    await settle();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledOnce();
  });
});
