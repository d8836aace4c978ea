import { spawn } from 'node:child_process';
import { errorCode, type Logger } from '../log';
import { say } from './say';

/**
 * Electron runs the app from the repo root (package.json `main` is the built main process);
 * its stdout is ours, so its `kiosk ready` line reaches whoever started us unchanged.
 */
export function runElectron(options: {
  binary: string;
  repoRoot: string;
  dataDir: string;
  logger: Logger;
  /** A data dir never set up runs the built-in demo unit instead of the first-run screen. */
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
  runningAsRoot?: boolean;
}): Promise<number> {
  const { binary, repoRoot, dataDir, logger } = options;
  const env = { ...(options.env ?? process.env) };
  // Inherited from a parent that ran Electron as Node, this would make it a plain Node here.
  delete env['ELECTRON_RUN_AS_NODE'];
  const args = [repoRoot, '--data-dir', dataDir, ...(options.demo ? ['--demo'] : [])];
  if (options.runningAsRoot ?? process.getuid?.() === 0) {
    // Chromium inside Electron refuses to start as root with its OS sandbox on. A production
    // terminal runs as a dedicated user (build/); root is a developer's machine or a container.
    args.push('--no-sandbox');
    say('Running as root: Electron is started with --no-sandbox. Run the kiosk as a normal user.');
  }
  const child = spawn(binary, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise<number>((resolveCode) => {
    child.once('error', (error) => {
      logger.error('electron_spawn_failed', { code: errorCode(error) });
      say(`Electron could not be started (${errorCode(error)}).`);
      resolveCode(1);
    });
    child.once('exit', (code, signal) => {
      logger.info('electron_exited', { code, signal });
      // Stopped by our own forwarded SIGINT/SIGTERM is a clean stop.
      resolveCode(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  }).finally(() => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  });
}
