import type { App, Session, WebContents, WebPreferences } from 'electron';

/**
 * The Electron hardening checklist in one place. Nothing here runs on import: main calls
 * `hardenApp` before ready and `hardenSession` once the default session exists, and every
 * function takes the Electron object it changes, so the unit tests pass small fakes.
 */

/** The one origin the kiosk ever shows. It is also where IndexedDB lives: it must never change. */
export const KIOSK_ORIGIN = 'app://kiosk';
export const KIOSK_URL = `${KIOSK_ORIGIN}/index.html`;

/** True only for our own `app://kiosk` pages: what may navigate, call the bridge, ask permission. */
export function isTrustedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // `host` includes any port, so `app://kiosk:1/` is refused; credentials could smuggle a
  // second host name past a careless reader, so none are allowed either.
  return (
    parsed.protocol === 'app:' &&
    parsed.host === 'kiosk' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export type HardenedWebPreferencesOptions = { preload: string; devTools: boolean };

export function hardenedWebPreferences({
  preload,
  devTools,
}: HardenedWebPreferencesOptions): WebPreferences {
  return {
    preload,
    devTools,
    // The renderer is a web page with a tiny bridge; it gets no Node and no Electron.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // A file dropped on the kiosk must not replace the page (and with it the bridge).
    navigateOnDragDrop: false,
    // A public terminal offers no spelling service, and sends no text anywhere to check.
    spellcheck: false,
    // A middle click must not open anything (Electronegativity's AUXCLICK check).
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Permissions the kiosk's own page may have; everything else, from anyone, is refused. */
type Permission = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

/**
 * `persistent-storage` is the one grant: without it Chromium may evict the origin's IndexedDB
 * under disk pressure, and with it the stored taps that have not been sent yet.
 */
export function isPermissionGranted(permission: Permission, origin: string): boolean {
  return permission === 'persistent-storage' && isTrustedUrl(origin);
}

export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** A key as Electron's `before-input-event` reports it. */
export type KeyInput = Pick<Electron.Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>;

/**
 * Shortcuts a visitor with a keyboard could turn against the kiosk: reload (F5, Ctrl/Cmd+R,
 * with or without Shift) always, and in production the developer tools (F12, Ctrl/Cmd+Shift+I,
 * J or C, Cmd+Alt+I). Every other key reaches the page: 1–9 are the box's buttons.
 */
export function isBlockedShortcut(input: KeyInput, production: boolean): boolean {
  if (input.type !== 'keyDown') {
    return false;
  }
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  if (key === 'f5' || (command && key === 'r')) {
    return true;
  }
  if (!production) {
    return false;
  }
  return (
    key === 'f12' ||
    (command && input.shift && ['i', 'j', 'c'].includes(key)) ||
    (input.meta && input.alt && key === 'i')
  );
}

/**
 * Every web contents (the window, and anything it might try to create) gets the same guards.
 * `production`: the packaged app, where the developer tools' shortcuts are refused too.
 */
export function hardenWebContents(contents: WebContentsLike, production = true): void {
  // Only our own pages may load; a link, a redirect or a script cannot take the kiosk elsewhere.
  contents.on('will-navigate', (event) => {
    if (!isTrustedUrl(event.url)) {
      event.preventDefault();
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) {
      event.preventDefault();
    }
  });
  // No popups: a second window would sit outside the kiosk frame with no bridge.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // `webviewTag: false` already forbids them; this stops one that slips past anyway.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, production)) {
      event.preventDefault();
    }
  });
}

export type AppLike = Pick<App, 'on' | 'enableSandbox' | 'isPackaged'>;

/** Before ready: sandbox every renderer and guard each web contents as it is created. */
export function hardenApp(app: AppLike): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, app.isPackaged);
  });
}

export type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'on'
>;

/** After ready: the session refuses permissions and downloads. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  // The kiosk never saves files; a download would be someone else's doing.
  session.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
}
