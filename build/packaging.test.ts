import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { AFTER_PACK_HOOK, config } from '../electron-builder.config';

/**
 * The packaging config, checked without Electron's binary: its values, electron-builder's own
 * loader and schema, and the afterPack hook run against a file carrying Electron's fuse wire.
 */

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

type FuseName =
  | 'RunAsNode'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'GrantFileProtocolExtraPrivileges';
type AfterPackContext = {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
};
type AfterPackModule = {
  FUSES: Readonly<Record<FuseName, boolean>>;
  afterPack: (context: AfterPackContext) => Promise<void>;
};
type FusesModule = {
  FuseV1Options: Record<string, number | string>;
  getCurrentFuseWire: (binary: string) => Promise<Record<number, number>>;
};

const afterPackModule = require(path.join(root, AFTER_PACK_HOOK)) as AfterPackModule;
const fuses = require('@electron/fuses') as FusesModule;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
// Electron's own defaults for the eight V1 fuses, as in an unmodified binary.
const ELECTRON_DEFAULT_WIRE = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

/** A stand-in for the packaged executable: bytes around Electron's fuse sentinel and wire. */
function writeFuseWireFile(file: string): void {
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('\x7fELF……machine code……'),
      Buffer.from(SENTINEL),
      Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE]),
      Buffer.from('……more machine code'),
    ]),
  );
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the Electron fuses of a packaged terminal', () => {
  it('turn off running as Node, NODE_OPTIONS and inspector flags, and load only the checked asar', () => {
    expect(afterPackModule.FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('are written into the packaged Linux binary by the afterPack hook, and nothing else is', async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'hymy-afterpack-'));
    tempDirs.push(appOutDir);
    const binary = path.join(appOutDir, 'hymy');
    writeFuseWireFile(binary);
    const before = readFileSync(binary);

    await afterPackModule.afterPack({
      appOutDir,
      electronPlatformName: 'linux',
      packager: { executableName: 'hymy', appInfo: { productFilename: 'Hymy' } },
    });

    const wire = await fuses.getCurrentFuseWire(binary);
    const expected = [...ELECTRON_DEFAULT_WIRE];
    for (const [name, value] of Object.entries(afterPackModule.FUSES)) {
      const index = fuses.FuseV1Options[name];
      expect(typeof index, name).toBe('number');
      expected[index as number] = value ? ON : OFF;
    }
    expect(Array.from({ length: expected.length }, (_, i) => wire[i])).toEqual(expected);
    // Only the wire changed: the rest of the executable is byte for byte the same.
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + expected.length)).toBe(true);
  });

  it('finds the Windows executable under the product name', async () => {
    const appOutDir = mkdtempSync(path.join(tmpdir(), 'hymy-afterpack-'));
    tempDirs.push(appOutDir);
    writeFuseWireFile(path.join(appOutDir, 'Hymy.exe'));

    await afterPackModule.afterPack({
      appOutDir,
      electronPlatformName: 'win32',
      packager: { appInfo: { productFilename: 'Hymy' } },
    });

    const wire = await fuses.getCurrentFuseWire(path.join(appOutDir, 'Hymy.exe'));
    expect(wire[fuses.FuseV1Options['RunAsNode'] as number]).toBe(OFF);
    expect(wire[fuses.FuseV1Options['OnlyLoadAppFromAsar'] as number]).toBe(ON);
  });
});

describe('the electron-builder config', () => {
  it('is valid by electron-builder’s own loader and JSON schema', async () => {
    const loaded = await getConfig(root, path.join(root, 'electron-builder.config.ts'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded.appId).toBe('fi.hymy.terminal');
    expect(loaded.afterPack).toBe(AFTER_PACK_HOOK);
    // electron-builder's loader compiles the TypeScript config: seconds on a busy machine.
  }, 30_000);

  it('rejects a config with a misspelt option, so the schema check above means something', async () => {
    const broken = { ...config, linux: { ...config.linux, targett: 'deb' } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('names the terminal and packs the app into a checked asar, with native addons unpacked', () => {
    expect(config.appId).toBe('fi.hymy.terminal');
    expect(config.productName).toBe('Hymy');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    // The fuses are flipped by one list only: ours.
    expect(config.electronFuses).toBeUndefined();
  });

  it('builds an AppImage and a deb for x64 and arm64, and an NSIS installer for x64', () => {
    const linux = config.linux?.target;
    const win = config.win?.target;
    expect(linux).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(win).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.category).toBe('Utility');
    expect(config.deb?.depends).toContain('libnss3');
  });

  it('runs the fuse hook from a file that exists', () => {
    expect(config.afterPack).toBe(AFTER_PACK_HOOK);
    expect(existsSync(path.join(root, AFTER_PACK_HOOK))).toBe(true);
  });

  it('ships the entry points package.json names and the built UI, not the sources', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    const files = (config.files ?? []) as string[];
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    const excluded = files.filter((pattern) => pattern.startsWith('!'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(included).toEqual(
      expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**']),
    );
    for (const entry of [pkg.main, 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(
        included.some((pattern) => path.matchesGlob(entry, pattern)),
        entry,
      ).toBe(true);
    }
    for (const notShipped of ['server/cli.ts', 'test/e2e/x.test.ts', 'bench/run.ts']) {
      expect(
        excluded.some((pattern) => path.matchesGlob(notShipped, pattern.slice(1))),
        notShipped,
      ).toBe(true);
    }
  });
});
