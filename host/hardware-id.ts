import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureDataDir, readJsonFile, writeJsonAtomic } from './data-dir';

/**
 * A stable id of this device, sent with enrollment and shown on the first-run screen so a
 * technician can tell terminals apart in the admin list. It says nothing about a person: it is
 * derived from systemd's machine id with an app-specific key (as machine-id(5) asks, so it cannot
 * be matched with other software's ids), or, where there is none, a random id kept in the data
 * dir.
 */

export const HARDWARE_ID_FILE = 'hardware-id';
export const MACHINE_ID_FILES: readonly string[] = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

const APP_KEY = 'hymy-terminal-hardware-id-v1';
const HardwareIdSchema = z.string().regex(/^hw-[0-9a-f]{12}$/);

export type HardwareId = {
  id: string;
  /** `generated`: made just now and not stored yet (storeHardwareId keeps it). */
  source: 'machine-id' | 'stored' | 'generated';
};

export type HardwareIdOptions = {
  /** Where to look for a machine id; tests pass their own (or none). */
  machineIdFiles?: readonly string[];
};

/** `hw-` and 12 hex digits of an app-specific hash of a machine id; null for an unusable one. */
export function hardwareIdFromMachineId(machineId: string): string | null {
  const id = machineId.trim().toLowerCase();
  // An empty, "uninitialized" (first boot) or all-zero id is not this machine's identity.
  if (!/^[0-9a-f]{32}$/.test(id) || /^0+$/.test(id)) {
    return null;
  }
  const digest = createHmac('sha256', Buffer.from(id, 'hex')).update(APP_KEY).digest('hex');
  return `hw-${digest.slice(0, 12)}`;
}

/** This device's id, without writing anything: a `generated` id is not kept until stored. */
export async function findHardwareId(
  dataDir: string,
  options: HardwareIdOptions = {},
): Promise<HardwareId> {
  for (const file of options.machineIdFiles ?? MACHINE_ID_FILES) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const id = hardwareIdFromMachineId(text);
    if (id !== null) {
      return { id, source: 'machine-id' };
    }
  }
  const stored = await readJsonFile(join(dataDir, HARDWARE_ID_FILE), HardwareIdSchema);
  if (stored.ok) {
    return { id: stored.value, source: 'stored' };
  }
  return { id: `hw-${randomBytes(6).toString('hex')}`, source: 'generated' };
}

/** Keeps a generated id in the data dir (created if missing), so the device keeps it. */
export async function storeHardwareId(dataDir: string, id: string): Promise<void> {
  await ensureDataDir(dataDir);
  await writeJsonAtomic(join(dataDir, HARDWARE_ID_FILE), HardwareIdSchema.parse(id));
}

/** This device's id for the first-run screen: found, or made and kept once. */
export async function hardwareId(
  dataDir: string,
  options: HardwareIdOptions = {},
): Promise<string> {
  const found = await findHardwareId(dataDir, options);
  if (found.source === 'generated') {
    await storeHardwareId(dataDir, found.id);
  }
  return found.id;
}
