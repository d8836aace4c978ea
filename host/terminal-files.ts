import { z } from 'zod';
import { TerminalConfigSchema, type TerminalConfig } from '../core/terminal-config';
import { dataDirPaths, readJsonFile, writeJsonAtomic, type ReadJsonResult } from './data-dir';

/** What the data dir's two files hold: the terminal's settings and its last good config. */

/**
 * The terminal's own settings, written by enrollment and the technician screen. Every field is
 * optional: a terminal that was never enrolled has none of them.
 */
export const TerminalSettingsSchema = z.object({
  apiUrl: z.url().optional(),
  terminalId: z.string().min(1).max(100).optional(),
  token: z.string().min(1).max(500).optional(),
  /** `none`, `auto` (find the box), or a device path. */
  serial: z.string().min(1).max(500).optional(),
  /** scrypt hash of the technician PIN, never the PIN itself. */
  pinHash: z.string().min(1).max(500).optional(),
});
export type TerminalSettings = z.infer<typeof TerminalSettingsSchema>;

export function readSettings(root: string): Promise<ReadJsonResult<TerminalSettings>> {
  return readJsonFile(dataDirPaths(root).settings, TerminalSettingsSchema);
}

export function writeSettings(root: string, settings: TerminalSettings): Promise<void> {
  return writeJsonAtomic(dataDirPaths(root).settings, settings);
}

/** The last good config from the central API, validated before use like any untrusted data. */
export function readConfig(root: string): Promise<ReadJsonResult<TerminalConfig>> {
  return readJsonFile(dataDirPaths(root).config, TerminalConfigSchema);
}

/** Replaces the last good config. Callers validate first: only a good config is ever written. */
export function writeConfig(root: string, config: TerminalConfig): Promise<void> {
  return writeJsonAtomic(dataDirPaths(root).config, config);
}
