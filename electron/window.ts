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
  const window = new BrowserWindow(kioskWindowOptions(options));
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}
