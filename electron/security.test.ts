import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  hardenApp,
  hardenedWebPreferences,
  hardenSession,
  hardenWebContents,
  isBlockedShortcut,
  type KeyInput,
  isPermissionGranted,
  isTrustedUrl,
  type AppLike,
  type SessionLike,
  type WebContentsLike,
} from './security';

describe('isTrustedUrl', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/', true],
    ['app://kiosk', true],
    ['app://kiosk/assets/index-abc.js?v=1#top', true],
    ['app://kiosk:8080/index.html', false],
    ['app://user@kiosk/index.html', false],
    ['app://kiosk.example.com/index.html', false],
    ['app://other/index.html', false],
    ['https://kiosk/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>hi</h1>', false],
    ['about:blank', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    ['not a url', false],
  ])('%s is trusted: %s', (url, trusted) => {
    expect(isTrustedUrl(url)).toBe(trusted);
  });
});

describe('hardenedWebPreferences', () => {
  it('turns on every guard of the hardening checklist', () => {
    const preferences = hardenedWebPreferences({ preload: '/app/preload.cjs', devTools: false });
    expect(preferences).toEqual({
      preload: '/app/preload.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

/** A web contents that records its listeners, so a test can fire Electron's events by hand. */
function fakeWebContents() {
  const emitter = new EventEmitter();
  let openHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | null = null;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      emitter.on(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: Parameters<WebContents['setWindowOpenHandler']>[0]) => {
      openHandler = handler;
    },
  };
  const navigate = (eventName: 'will-navigate' | 'will-redirect', url: string): boolean => {
    const event = { url, preventDefault: vi.fn() };
    emitter.emit(eventName, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as WebContentsLike,
    emitter,
    navigate,
    openWindow: (url: string) => {
      if (openHandler === null) {
        throw new Error('no window open handler');
      }
      return openHandler({ url } as Parameters<typeof openHandler>[0]);
    },
  };
}

describe('hardenWebContents', () => {
  it('lets the kiosk navigate within its own origin', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    expect(fake.navigate('will-navigate', 'app://kiosk/index.html')).toBe(false);
    expect(fake.navigate('will-redirect', 'app://kiosk/index.html')).toBe(false);
  });

  it('prevents navigation and redirects to any other origin', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    expect(fake.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(fake.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.navigate('will-redirect', 'https://example.com/')).toBe(true);
  });

  it('denies every new window, even one of our own pages', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.openWindow('app://kiosk/index.html')).toEqual({ action: 'deny' });
  });

  it('prevents a webview from attaching', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    const event = { preventDefault: vi.fn() };
    fake.emitter.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('shortcuts a visitor could use', () => {
  const key = (name: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key: name,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  });

  it('refuses reload always, and the developer tools in production', () => {
    for (const production of [true, false]) {
      expect(isBlockedShortcut(key('F5'), production)).toBe(true);
      expect(isBlockedShortcut(key('r', { control: true }), production)).toBe(true);
      expect(isBlockedShortcut(key('R', { control: true, shift: true }), production)).toBe(true);
      expect(isBlockedShortcut(key('r', { meta: true }), production)).toBe(true);
    }
    expect(isBlockedShortcut(key('F12'), true)).toBe(true);
    expect(isBlockedShortcut(key('I', { control: true, shift: true }), true)).toBe(true);
    expect(isBlockedShortcut(key('j', { control: true, shift: true }), true)).toBe(true);
    expect(isBlockedShortcut(key('i', { meta: true, alt: true }), true)).toBe(true);
    expect(isBlockedShortcut(key('F12'), false)).toBe(false);
  });

  it('lets the box keys, plain letters and key releases through', () => {
    for (const name of ['1', '4', '9', 'r', 'i', 'Enter', 'Backspace']) {
      expect(isBlockedShortcut(key(name), true)).toBe(false);
    }
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });

  it('stops a blocked key before the page or Chromium acts on it', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, true);
    const reload = { preventDefault: vi.fn() };
    fake.emitter.emit('before-input-event', reload, key('r', { control: true }));
    const face = { preventDefault: vi.fn() };
    fake.emitter.emit('before-input-event', face, key('3'));
    expect(reload.preventDefault).toHaveBeenCalledOnce();
    expect(face.preventDefault).not.toHaveBeenCalled();
  });
});

describe('hardenApp', () => {
  it('sandboxes every renderer and guards each web contents as it is created', () => {
    const emitter = new EventEmitter();
    const app = {
      enableSandbox: vi.fn(),
      isPackaged: true,
      on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    };
    hardenApp(app as unknown as AppLike);
    expect(app.enableSandbox).toHaveBeenCalledOnce();

    const fake = fakeWebContents();
    emitter.emit('web-contents-created', {}, fake.contents);
    expect(fake.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    const devTools = { preventDefault: vi.fn() };
    fake.emitter.emit('before-input-event', devTools, {
      type: 'keyDown',
      key: 'F12',
      control: false,
      meta: false,
      shift: false,
      alt: false,
    });
    expect(devTools.preventDefault).toHaveBeenCalledOnce();
  });
});

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type CheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

function fakeSession() {
  const emitter = new EventEmitter();
  const handlers: { request: RequestHandler | null; check: CheckHandler | null } = {
    request: null,
    check: null,
  };
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler | null) => {
      handlers.request = handler;
    },
    setPermissionCheckHandler: (handler: CheckHandler | null) => {
      handlers.check = handler;
    },
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
  };
  hardenSession(session as unknown as SessionLike);

  const request = (permission: Parameters<RequestHandler>[1], requestingUrl: string) => {
    const callback = vi.fn();
    const details = { requestingUrl } as Parameters<RequestHandler>[3];
    handlers.request?.({} as WebContents, permission, callback, details);
    return callback.mock.calls;
  };
  const check = (permission: Parameters<CheckHandler>[1], origin: string) =>
    handlers.check?.(null, permission, origin, {} as Parameters<CheckHandler>[3]);
  return { emitter, request, check };
}

describe('hardenSession', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'] as const)(
    'denies the %s permission request from the kiosk itself',
    (permission) => {
      expect(fakeSession().request(permission, 'app://kiosk/index.html')).toEqual([[false]]);
    },
  );

  it.each(['media', 'serial', 'hid', 'usb', 'fullscreen'] as const)(
    'answers no to a %s permission check',
    (permission) => {
      expect(fakeSession().check(permission, 'app://kiosk')).toBe(false);
    },
  );

  it('grants persistent storage to the kiosk origin only, so its answers are never evicted', () => {
    const session = fakeSession();
    expect(session.request('persistent-storage', 'app://kiosk/index.html')).toEqual([[true]]);
    expect(session.check('persistent-storage', 'app://kiosk')).toBe(true);
    expect(session.request('persistent-storage', 'https://example.com/')).toEqual([[false]]);
    expect(session.check('persistent-storage', 'https://example.com')).toBe(false);
  });

  it('cancels every download', () => {
    const session = fakeSession();
    const event = { preventDefault: vi.fn() };
    const item = { cancel: vi.fn() };
    session.emitter.emit('will-download', event, item, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(item.cancel).toHaveBeenCalledOnce();
  });
});

describe('isPermissionGranted', () => {
  it('refuses persistent storage to a look-alike origin', () => {
    expect(isPermissionGranted('persistent-storage', 'app://kiosk.evil')).toBe(false);
  });
});
