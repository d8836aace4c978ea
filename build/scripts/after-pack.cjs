'use strict';

/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook: electron-builder loads it with require */
/**
 * electron-builder's afterPack hook: flips the Electron fuses of the packaged binary before it is
 * signed or wrapped into an AppImage, deb or installer. CommonJS because electron-builder loads
 * hooks with `require`, and it runs only at packaging time (never in the app itself).
 *
 * The fuses are switches baked into the Electron binary, so a visitor with a keyboard, or anyone
 * who can set an environment variable, cannot turn the kiosk back into a general Node runtime.
 */

const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/**
 * The fuse settings, by their name in @electron/fuses' `FuseV1Options`.
 * - EnableCookieEncryption stays at Electron's default (off): the kiosk keeps no cookies (the
 *   terminal token lives in the main process), and on Linux the cookie key comes from the
 *   desktop keyring, which under autologin may ask for its password on the kiosk's screen.
 * - GrantFileProtocolExtraPrivileges off: the kiosk loads only from app://kiosk, never file://.
 */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** The `flipFuses` config for FUSES: names turned into @electron/fuses' numeric keys. */
function fuseConfig(platform) {
  const config = {
    version: FuseVersion.V1,
    // A macOS binary's ad-hoc signature breaks when its bytes change; not a target today.
    resetAdHocDarwinSignature: platform === 'darwin',
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const key = FuseV1Options[name];
    if (typeof key !== 'number') {
      throw new Error(`unknown Electron fuse ${name}`);
    }
    config[key] = value;
  }
  return config;
}

/** Where the packaged Electron executable is, as electron-builder names it per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'win32') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName));
}

module.exports = { FUSES, fuseConfig, electronBinaryPath, afterPack, default: afterPack };
