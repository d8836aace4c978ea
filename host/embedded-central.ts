import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiErrorSchema } from '../core/central-api';
import { CENTRAL_NODE_FLAGS } from '../node/central-flags';
import type { Logger } from './log';

/**
 * The reference central API that `npm start` runs beside a demo terminal (operator-interface.md):
 * a child process of `server/cli.ts` on loopback, with its SQLite file in the terminal's data dir.
 * The host does not import `server/` (DESIGN.md's arrows); it starts it as a program, the way a
 * county runs it, and talks to it over HTTP.
 */

/** Fixed, so a demo terminal finds its server again after a restart; beside the kiosk's port. */
export const EMBEDDED_API_PORT = 8791;
export const EMBEDDED_API_URL = `http://127.0.0.1:${EMBEDDED_API_PORT}`;
/** The embedded server's own dir inside the terminal's data dir. */
export const EMBEDDED_CENTRAL_DIR = 'central';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5000;

export type EmbeddedCentral = {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
};

export class EmbeddedCentralError extends Error {}

/** The embedded server belongs to this terminal when the terminal was enrolled with it. */
export function usesEmbeddedCentral(dataDir: string, apiUrl: string | undefined): boolean {
  return apiUrl === EMBEDDED_API_URL && existsSync(join(dataDir, EMBEDDED_CENTRAL_DIR));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGTERM: the server finishes the requests in flight and closes its database.
    child.kill('SIGTERM');
  });
}

export async function startEmbeddedCentral(options: {
  repoRoot: string;
  dataDir: string;
  port?: number;
  logger: Logger;
  /** Each line the server prints for a person (its `central api ready` line among them). */
  onLine?: (line: string) => void;
}): Promise<EmbeddedCentral> {
  const adminToken = randomBytes(32).toString('base64url');
  const child = spawn(
    process.execPath,
    [
      ...CENTRAL_NODE_FLAGS,
      '--import',
      'tsx',
      join(options.repoRoot, 'server', 'cli.ts'),
      '--data-dir',
      join(options.dataDir, EMBEDDED_CENTRAL_DIR),
      '--port',
      String(options.port ?? EMBEDDED_API_PORT),
    ],
    {
      cwd: options.repoRoot,
      env: { ...process.env, HYMY_ADMIN_TOKEN: adminToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // The server's JSON log lines go to the terminal's stderr, as the host's own do.
  child.stderr?.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new EmbeddedCentralError('the embedded central API did not start in time'));
    }, READY_TIMEOUT_MS);
    lines.on('line', (line) => {
      options.onLine?.(line);
      const ready = /^central api ready (\S+)$/.exec(line);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new EmbeddedCentralError(`the embedded central API exited with code ${code}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedCentralError(`the embedded central API could not run: ${error.message}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  options.logger.info('embedded_central_started', { port: new URL(url).port });
  return { url, adminToken, stop: () => stopChild(child) };
}

/** A single-use enrollment code for the demo unit, made with the embedded server's admin token. */
export async function createDemoEnrollmentCode(
  central: Pick<EmbeddedCentral, 'url' | 'adminToken'>,
  body: unknown,
): Promise<string> {
  const answer = await fetch(new URL('v1/admin/enrollment-codes', `${central.url}/`), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${central.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const data: unknown = await answer.json().catch(() => null);
  if (answer.status !== 201) {
    const error = ApiErrorSchema.safeParse(data);
    throw new EmbeddedCentralError(
      `the embedded central API refused a demo enrollment code (${answer.status}` +
        `${error.success ? `: ${error.data.error.message}` : ''})`,
    );
  }
  const code = (data as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    throw new EmbeddedCentralError('the embedded central API answered without a code');
  }
  return code;
}
