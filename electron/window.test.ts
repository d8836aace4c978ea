import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';

const electron = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    readonly show = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeBrowserWindow.created.push(this);
    }
  }
  return { FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: electron.FakeBrowserWindow }));

const { createKioskWindow } = await import('./window');

function openWindow(devTools = false) {
  createKioskWindow({ preloadPath: '/app/dist/electron/preload.cjs', devTools });
  const window = electron.FakeBrowserWindow.created.at(-1);
  if (window === undefined) {
    throw new Error('no window was created');
  }
  return window;
}

describe('the kiosk window', () => {
  it('is created with every hardened web preference', () => {
    const preferences = openWindow().options.webPreferences;
    expect(preferences?.preload).toBe('/app/dist/electron/preload.cjs');
    expect(preferences?.contextIsolation).toBe(true);
    expect(preferences?.sandbox).toBe(true);
    expect(preferences?.nodeIntegration).toBe(false);
    expect(preferences?.nodeIntegrationInWorker).toBe(false);
    expect(preferences?.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences?.webSecurity).toBe(true);
    expect(preferences?.allowRunningInsecureContent).toBe(false);
    expect(preferences?.webviewTag).toBe(false);
    expect(preferences?.experimentalFeatures).toBe(false);
    expect(preferences?.navigateOnDragDrop).toBe(false);
    expect(preferences?.spellcheck).toBe(false);
    expect(preferences?.devTools).toBe(false);
  });

  it('has developer tools only when asked (an unpackaged app)', () => {
    expect(openWindow(true).options.webPreferences?.devTools).toBe(true);
  });

  it('is a full-screen kiosk with no menu bar', () => {
    const { options } = openWindow();
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('stays hidden until its first paint is ready', () => {
    const window = openWindow();
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });
});
