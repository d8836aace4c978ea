import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

let root: string;
let packageDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hymy-electron-'));
  packageDir = join(root, 'node_modules', 'electron');
  await mkdir(packageDir, { recursive: true });
  // The package's index.js would download the binary when loaded; it must never be loaded.
  await writeFile(join(packageDir, 'index.js'), 'throw new Error("loaded electron");\n');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function installBinary(relative: string): Promise<string> {
  const binary = join(packageDir, 'dist', relative);
  await mkdir(join(binary, '..'), { recursive: true });
  await writeFile(binary, '#!/bin/sh\n');
  await chmod(binary, 0o755);
  return binary;
}

describe('finding the Electron binary', () => {
  it('finds the binary path.txt names inside dist', async () => {
    const binary = await installBinary('electron');
    await writeFile(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: binary });
  });

  it('finds a nested binary (macOS app bundle layout)', async () => {
    const binary = await installBinary('Electron.app/Contents/MacOS/Electron');
    await writeFile(join(packageDir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: binary });
  });

  it('the package without path.txt (binary never downloaded) is not installed', () => {
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'not_installed' });
  });

  it('no electron package at all is not installed', async () => {
    await rm(join(root, 'node_modules'), { recursive: true });
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'not_installed' });
  });

  it('path.txt naming a file that is not there is a missing binary', async () => {
    await writeFile(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'binary_missing' });
  });

  it('path.txt cannot point outside dist', async () => {
    await writeFile(join(packageDir, 'path.txt'), '../index.js');
    expect(findElectronBinary(root, {})).toEqual({ ok: false, reason: 'binary_missing' });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the package does', async () => {
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(join(packageDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toEqual({
      ok: true,
      path: join(elsewhere, 'electron'),
    });
  });
});
