import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { hardenedWebPreferences } from './security';

/**
 * The kiosk window: full screen in kiosk mode, no menu bar, hardened web preferences.
 * Hidden until its first paint so a visitor never sees an empty frame.
 */

// The kiosk's page colour (`--paper` in renderer/styles/kiosk.css), shown before first paint.
export const KIOSK_BACKGROUND = '#fbfaf6';

export type KioskWindowOptions = { preloadPath: string; devTools: boolean };

export function kioskWindowOptions({
  preloadPath,
  devTools,
}: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    show: false,
    title: 'Hymy',
    webPreferences: hardenedWebPreferences({ preload: preloadPath, devTools }),
  };
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  // The scanner reads only options written inside `new BrowserWindow(…)`; ours come from
  // kioskWindowOptions(), and security.test.ts asserts every one of them.
  // prettier-ignore (Electronegativity reads its annotation on the flagged line only)
  const window = new BrowserWindow(kioskWindowOptions(options)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}
