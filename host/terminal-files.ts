import { z } from 'zod';
import { LanguageCodeSchema, type LanguageCode } from '../core/localized';
import type { LastExport } from '../core/technician';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { dataDirPaths, readJsonFile, writeJsonAtomic, type ReadJsonResult } from './data-dir';

/** What the data dir's two files hold: the terminal's settings and its last good config. */

/** The last finished export, kept so that the factory reset's guard survives a restart. */
export const LastExportSchema = z.object({
  at: z.iso.datetime(),
  answers: z.number().int().min(0),
  unsent: z.number().int().min(0),
  newestUnsentAt: z.iso.datetime().nullable(),
  files: z.array(z.string().min(1).max(2000)).max(10),
}) satisfies z.ZodType<LastExport>;

/** The scheme of a sealed token: Electron's safeStorage (the OS keystore holds the key). */
export const SEALED_TOKEN_SCHEME = 'electron-safe-storage';

/** The terminal token sealed by a keystore; only the same user on the same machine opens it. */
export const SealedTokenSchema = z.object({
  scheme: z.literal(SEALED_TOKEN_SCHEME),
  data: z.base64().min(1).max(4000),
});
export type SealedToken = z.infer<typeof SealedTokenSchema>;

/**
 * The terminal's own settings, written by enrollment and the technician screen. Every field is
 * optional: a terminal that was never enrolled has none of them.
 */
export const TerminalSettingsSchema = z.object({
  apiUrl: z.url().optional(),
  terminalId: z.string().min(1).max(100).optional(),
  /** The token in plain text (the file is owner-only): where no keystore can seal it. */
  token: z.string().min(1).max(500).optional(),
  /** The token sealed by the keystore (token-vault.ts); never beside a plain `token`. */
  sealedToken: SealedTokenSchema.optional(),
  /** `none`, `auto` (find the box), or a device path. */
  serial: z.string().min(1).max(500).optional(),
  /** scrypt hash of the technician PIN, never the PIN itself. */
  pinHash: z.string().min(1).max(500).optional(),
  /** The technician's choice over the config's own default language (while the config offers it). */
  defaultLanguage: LanguageCodeSchema.optional(),
  lastExport: LastExportSchema.optional(),
});
export type TerminalSettings = z.infer<typeof TerminalSettingsSchema>;

/** Whether the settings are an enrollment's (a terminal id or a token), not only local choices. */
export function isEnrolled(settings: TerminalSettings): boolean {
  return (
    settings.terminalId !== undefined ||
    settings.token !== undefined ||
    settings.sealedToken !== undefined
  );
}

export function readSettings(root: string): Promise<ReadJsonResult<TerminalSettings>> {
  return readJsonFile(dataDirPaths(root).settings, TerminalSettingsSchema);
}

export function writeSettings(root: string, settings: TerminalSettings): Promise<void> {
  return writeJsonAtomic(dataDirPaths(root).settings, settings);
}

/**
 * Changes some settings and keeps the others as the file holds them now. A settings file that
 * exists but cannot be read or parsed is not overwritten (it may hold a token): that throws.
 * Callers run one update at a time.
 */
export async function updateSettings(
  root: string,
  change: Partial<TerminalSettings>,
): Promise<TerminalSettings> {
  const read = await readSettings(root);
  if (!read.ok && read.reason !== 'missing') {
    throw Object.assign(new Error(`settings.json is ${read.reason}`), {
      code: `settings_${read.reason}`,
    });
  }
  const next: TerminalSettings = { ...(read.ok ? read.value : {}), ...change };
  for (const key of Object.keys(change) as (keyof TerminalSettings)[]) {
    if (change[key] === undefined) {
      delete next[key];
    }
  }
  await writeSettings(root, next);
  return next;
}

/** The last good config from the central API, validated before use like any untrusted data. */
export function readConfig(root: string): Promise<ReadJsonResult<TerminalConfig>> {
  return readJsonFile(dataDirPaths(root).config, TerminalConfigSchema);
}

/** Replaces the last good config. Callers validate first: only a good config is ever written. */
export function writeConfig(root: string, config: TerminalConfig): Promise<void> {
  return writeJsonAtomic(dataDirPaths(root).config, config);
}

/**
 * The config as the kiosk runs it: the central config with the technician's default language
 * over its own, while the config still offers that language.
 */
export function withDefaultLanguage(
  config: TerminalConfig,
  language: LanguageCode | undefined,
): TerminalConfig {
  if (language === undefined || !config.languages.includes(language)) {
    return config;
  }
  return { ...config, defaultLanguage: language };
}
