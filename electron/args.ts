import path from 'node:path';

/**
 * The Electron app's command line. Electron and Chromium put their own switches and the app
 * path around ours (and Playwright adds `--inspect=0`), so `--data-dir` is looked for anywhere
 * rather than parsed strictly.
 */
export type KioskArgs =
  | {
      ok: true;
      dataDir: string | null;
      /** `--demo`: a data dir never set up runs the built-in demo unit (npm start's fallback). */
      demo: boolean;
    }
  | { ok: false; message: string };

export function parseKioskArgs(argv: readonly string[], cwd: string = process.cwd()): KioskArgs {
  let dataDir: string | null = null;
  let demo = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    let value: string | undefined;
    if (arg === '--demo') {
      demo = true;
      continue;
    }
    if (arg === '--data-dir') {
      value = argv[index + 1];
      index += 1;
    } else if (arg.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
    } else {
      continue;
    }
    if (value === undefined || value === '' || value.startsWith('--')) {
      return { ok: false, message: '--data-dir needs a directory: --data-dir DIR' };
    }
    dataDir = path.resolve(cwd, value);
  }
  return { ok: true, dataDir, demo };
}
