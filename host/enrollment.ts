import { constants } from 'node:fs';
import { access, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { normalizeEnrollmentCode } from '../core/enrollment-code';
import type { EnrollFailureReason } from '../core/technician';
import type { TerminalConfig } from '../core/terminal-config';
import { enroll, type EnrollOutcome } from './central-client';
import { saveConfigEtag } from './config-poller';
import { dataDirPaths, ensureDataDir } from './data-dir';
import { findHardwareId, storeHardwareId, type HardwareIdOptions } from './hardware-id';
import { errorCode } from './log';
import { hashPin } from './pin';
import type { SerialChoice } from './services-types';
import type { Fetch } from './central-http';
import { readSettings, writeConfig, writeSettings, type TerminalSettings } from './terminal-files';
import { fileVault, type TokenVault } from './token-vault';

/**
 * Enrolling a terminal with a single-use code: check everything that can be checked before the
 * code is spent, call the central API, and only on success write the terminal's settings (API
 * URL, id, token, serial, PIN hash; owner-only) and its first config. Nothing is written on any
 * failure, so a failed attempt leaves the data dir as it was.
 */

export type EnrollTerminalOptions = {
  dataDir: string;
  apiUrl: string;
  /** As the technician typed it: case, spaces and dashes do not matter. */
  code: string;
  /** The technician PIN (4–8 digits); left out, the stored PIN hash (if any) stays. */
  pin?: string | undefined;
  /** The button box; left out, the stored choice (if any) stays. */
  serial?: SerialChoice | undefined;
  appVersion: string;
  fetchImpl?: Fetch;
  hardwareId?: HardwareIdOptions;
  /** Seals the token where a keystore can; left out, it is kept plain in the owner-only file. */
  tokenVault?: TokenVault;
};

type EnrollFailure = Exclude<EnrollOutcome, { ok: true }>;

export type EnrollTerminalOutcome =
  | {
      ok: true;
      terminalId: string;
      unitId: string;
      config: TerminalConfig;
      hardwareId: string;
      /** settings.json was there but unreadable as settings, and was replaced. */
      replacedInvalidSettings: boolean;
    }
  | { ok: false; reason: 'code_malformed' | 'pin_malformed' | 'api_url_invalid' }
  /** The data dir (or settings.json) cannot be read or written: found before the code is spent. */
  | { ok: false; reason: 'data_dir_unusable'; code: string }
  | EnrollFailure
  /** Enrolled, but the settings could not be written: the code is spent, a new one is needed. */
  | { ok: false; reason: 'not_saved'; code: string };

/** What the first-run screen says of a failed enrollment: each reason a message of its own. */
export function enrollFailureReason(
  reason: Exclude<EnrollTerminalOutcome, { ok: true }>['reason'],
): EnrollFailureReason {
  switch (reason) {
    case 'rate_limited':
    case 'server_error':
      return 'server_busy';
    case 'rejected':
      return 'server_refused';
    case 'data_dir_unusable':
    case 'not_saved':
      return 'not_saved';
    default:
      return reason;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '';
  } catch {
    return false;
  }
}

function serialSetting(choice: SerialChoice): string {
  return choice.kind === 'path' ? choice.path : choice.kind;
}

/** Whether the data dir can be written, or made: the dir itself or its nearest existing parent. */
async function writableDir(dataDir: string): Promise<{ ok: true } | { ok: false; code: string }> {
  let dir = resolve(dataDir);
  for (;;) {
    try {
      await access(dir, constants.W_OK | constants.X_OK);
      return { ok: true };
    } catch (error) {
      const code = errorCode(error);
      const parent = dirname(dir);
      if (code !== 'ENOENT' || parent === dir) {
        return { ok: false, code };
      }
      dir = parent;
    }
  }
}

export async function enrollTerminal(
  options: EnrollTerminalOptions,
): Promise<EnrollTerminalOutcome> {
  const { dataDir } = options;
  const code = normalizeEnrollmentCode(options.code);
  if (code === null) {
    return { ok: false, reason: 'code_malformed' };
  }
  const apiUrl = options.apiUrl.trim();
  if (!isHttpUrl(apiUrl)) {
    return { ok: false, reason: 'api_url_invalid' };
  }
  let pinHash: string | undefined;
  if (options.pin !== undefined) {
    const hashed = await hashPin(options.pin);
    if (!hashed.ok) {
      return { ok: false, reason: 'pin_malformed' };
    }
    pinHash = hashed.pinHash;
  }

  const settingsRead = await readSettings(dataDir);
  if (!settingsRead.ok && settingsRead.reason === 'unreadable') {
    return { ok: false, reason: 'data_dir_unusable', code: settingsRead.code };
  }
  const writable = await writableDir(dataDir);
  if (!writable.ok) {
    return { ok: false, reason: 'data_dir_unusable', code: writable.code };
  }
  const hardwareId = await findHardwareId(dataDir, options.hardwareId);

  const enrolled = await enroll(
    apiUrl,
    { code, hardwareId: hardwareId.id, appVersion: options.appVersion },
    options.fetchImpl,
  );
  if (!enrolled.ok) {
    return enrolled;
  }

  const { terminalId, token, config } = enrolled.answer;
  // The old token goes in either form: the new one is kept sealed or plain, never both.
  const {
    token: _oldToken,
    sealedToken: _oldSealed,
    ...kept
  }: TerminalSettings = settingsRead.ok ? settingsRead.value : {};
  const stored = (options.tokenVault ?? fileVault).seal(token);
  const settings: TerminalSettings = {
    ...kept,
    apiUrl,
    terminalId,
    ...(stored.sealedToken === undefined
      ? { token: stored.token }
      : { sealedToken: stored.sealedToken }),
    ...(options.serial === undefined ? {} : { serial: serialSetting(options.serial) }),
    ...(pinHash === undefined ? {} : { pinHash }),
  };
  try {
    await ensureDataDir(dataDir);
    if (hardwareId.source === 'generated') {
      await storeHardwareId(dataDir, hardwareId.id);
    }
    // The old config (of another terminal, maybe another unit) goes before the new settings
    // arrive: a power cut in between leaves "enrolled, awaiting config", never the new token
    // answering for the old unit's survey.
    await rm(dataDirPaths(dataDir).config, { force: true });
    await saveConfigEtag(dataDir, null);
    await writeSettings(dataDir, settings);
    await writeConfig(dataDir, config);
  } catch (error) {
    return { ok: false, reason: 'not_saved', code: errorCode(error) };
  }
  return {
    ok: true,
    terminalId,
    unitId: config.unit.id,
    config,
    hardwareId: hardwareId.id,
    replacedInvalidSettings: !settingsRead.ok && settingsRead.reason === 'invalid',
  };
}
