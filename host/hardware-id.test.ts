import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findHardwareId,
  hardwareId,
  hardwareIdFromMachineId,
  HARDWARE_ID_FILE,
  storeHardwareId,
} from './hardware-id';

const MACHINE_ID = '4c4c4544004d3510804ab4c04f4e4b32';

let root: string;
let dataDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-hwid-'));
  dataDir = join(root, 'data');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the hardware id', () => {
  it('is short, prefixed hw-, the same for the same machine, and not the machine id', () => {
    const id = hardwareIdFromMachineId(`${MACHINE_ID}\n`);
    expect(id).toMatch(/^hw-[0-9a-f]{12}$/);
    expect(hardwareIdFromMachineId(MACHINE_ID.toUpperCase())).toBe(id);
    expect(MACHINE_ID).not.toContain(id!.slice(3));
  });

  it('differs between machines', () => {
    const other = MACHINE_ID.replace(/^4/, '5');
    expect(hardwareIdFromMachineId(other)).not.toBe(hardwareIdFromMachineId(MACHINE_ID));
  });

  it.each(['', 'uninitialized', '0'.repeat(32), 'xyz'])(
    'is not taken from an unusable machine id (%j)',
    (machineId) => {
      expect(hardwareIdFromMachineId(machineId)).toBeNull();
    },
  );

  it('comes from the machine id file, and writes nothing', async () => {
    const file = join(root, 'machine-id');
    await writeFile(file, `${MACHINE_ID}\n`);
    const found = await findHardwareId(dataDir, { machineIdFiles: [join(root, 'missing'), file] });
    expect(found).toEqual({ id: hardwareIdFromMachineId(MACHINE_ID), source: 'machine-id' });
    expect(await readdir(root)).toEqual(['machine-id']);
  });

  it('without a machine id, is made once and kept in the data dir, owner-only', async () => {
    const noMachineId = { machineIdFiles: [] };
    const first = await findHardwareId(dataDir, noMachineId);
    expect(first.source).toBe('generated');
    expect(await readdir(root)).toEqual([]);

    const shown = await hardwareId(dataDir, noMachineId);
    expect(shown).toMatch(/^hw-[0-9a-f]{12}$/);
    expect(await hardwareId(dataDir, noMachineId)).toBe(shown);
    expect(await findHardwareId(dataDir, noMachineId)).toEqual({ id: shown, source: 'stored' });
    expect((await stat(join(dataDir, HARDWARE_ID_FILE))).mode & 0o777).toBe(0o600);
  });

  it('replaces a damaged stored id with a new one', async () => {
    await storeHardwareId(dataDir, 'hw-000000000001');
    await writeFile(join(dataDir, HARDWARE_ID_FILE), 'garbage');
    const found = await findHardwareId(dataDir, { machineIdFiles: [] });
    expect(found.source).toBe('generated');
    expect(found.id).toMatch(/^hw-[0-9a-f]{12}$/);
  });

  it('is found on this machine too', async () => {
    expect((await findHardwareId(dataDir)).id).toMatch(/^hw-[0-9a-f]{12}$/);
  });
});
