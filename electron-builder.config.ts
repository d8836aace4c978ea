import type { Configuration } from 'electron-builder';

/**
 * How the terminal is packaged: `npm run package:linux` / `package:win` (they need Electron's
 * binary, which electron-builder downloads when packaging). Loaded by electron-builder itself
 * (through jiti) and by build/packaging.test.ts, which checks it against electron-builder's schema.
 */

export const AFTER_PACK_HOOK = 'build/scripts/after-pack.cjs';

export const config: Configuration = {
  appId: 'fi.hymy.terminal',
  productName: 'Hymy',
  copyright: 'Hymy contributors, EUPL-1.2',
  directories: { output: 'release', buildResources: 'build/resources' },
  // What the app needs at run time: the bundles of `npm run build`. The main bundle inlines
  // everything but Electron and the serial port, so electron-builder adds the production
  // node_modules and the exclusions below drop what the kiosk never loads.
  files: [
    'package.json',
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
    '!{server,test,bench,docs,core,host,hardware,renderer,electron,locales,build}/**',
    '!node_modules/{better-sqlite3,fastify,@fastify,tsx,esbuild,@esbuild,playwright-core}/**',
    '!**/node_modules/**/*.{md,ts}',
  ],
  asar: true,
  // A native addon cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node', 'node_modules/@serialport/bindings-cpp/prebuilds/**'],
  // serialport's bindings are N-API prebuilds for every target (linux x64/arm64, win x64), which
  // Electron loads as they are: no compiler and no cross-arch rebuild at packaging.
  npmRebuild: false,
  afterPack: AFTER_PACK_HOOK,
  // The fuses are flipped by the afterPack hook; electron-builder's own `electronFuses` stays
  // unset so they are flipped once, by one list.
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    executableName: 'hymy',
    category: 'Utility',
    maintainer: 'Hymy <hymy@example.invalid>',
    synopsis: 'Smiley feedback kiosk terminal',
    description:
      'Hymy is an offline-first smiley feedback terminal for Finnish public health and social services.',
    desktop: {
      entry: {
        Name: 'Hymy',
        Comment: 'Smiley feedback kiosk',
        Categories: 'Utility;',
        StartupWMClass: 'Hymy',
        Terminal: 'false',
      },
    },
  },
  deb: {
    // What Electron 45 needs on Debian 12 / Raspberry Pi OS (bookworm), plus udev for the box rule.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
      'libgbm1',
      'libasound2',
      'udev',
    ],
    priority: 'optional',
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: false,
  },
};

export default config;
