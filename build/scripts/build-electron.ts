import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/**
 * Bundles the Electron main process and the preload to CommonJS in dist/electron. Needs only
 * esbuild: nothing here loads Electron or its binary, so it runs on any machine.
 *
 * - main: ESM-only dependencies (zod, …) are inlined, so they work from a CJS bundle; Electron
 *   and the serial port (a native addon, rebuilt for Electron at packaging) stay outside.
 * - preload: a sandboxed preload may `require` only `electron`, so everything else is inlined.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'dist/electron');

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Fails the build instead of shipping code that reads an empty `import.meta` at run time.
  logOverride: { 'empty-import-meta': 'error' },
};

// Quiet on success, like `vite build --logLevel warn` before it: `npm start` runs the build
// and scripts read its stdout for the operator contract lines.
await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outDir, 'main.cjs'),
    external: ['electron', 'serialport', '@serialport/*'],
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outDir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
