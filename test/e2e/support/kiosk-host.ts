import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TerminalConfigInput } from '../../../core';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export type KioskHost = {
  url: string;
  port: number;
  dataDir: string;
  stderr: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export async function makeDataDir(prefix = 'hymy-e2e-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Writes the terminal config as the central API would have left it in the data dir. */
export async function writeTerminalConfig(
  dataDir: string,
  config: TerminalConfigInput,
): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify(config, null, 2));
}

/**
 * Starts `npm run kiosk:browser` as an operator would (its script, without npm's wrapper so a
 * signal reaches the host itself) and waits for its `kiosk ready <url>` line. With `--demo`
 * unless `demo: false`: an empty data dir then runs the demo unit, not the first-run screen.
 */
export async function startKioskHost(
  dataDir: string,
  options: {
    port?: number;
    extraArgs?: string[];
    demo?: boolean;
    /** More environment for the host (HYMY_CONFIG_POLL_MS, …). */
    env?: Record<string, string>;
  } = {},
): Promise<KioskHost> {
  const args = [
    '--import',
    'tsx',
    'host/cli/kiosk-browser.ts',
    '--data-dir',
    dataDir,
    '--port',
    String(options.port ?? 0),
    ...(options.demo === false ? [] : ['--demo']),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await readyUrl(child, () => stderr);
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
  };
}

function readyUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiosk host printed no ready line in 20 s; stderr:\n${stderr()}`));
    }, 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^kiosk ready (\S+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk host exited with ${code} before it was ready; stderr:\n${stderr()}`));
    });
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
