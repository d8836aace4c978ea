import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiErrorSchema } from '../../core/central-api';
import {
  EMBEDDED_CENTRAL_DIR,
  EmbeddedCentralError,
  type EmbeddedCentral,
} from '../embedded-central';

/**
 * The demo county account of `npm start`'s embedded server (issue 17, the newcomer's loop): made
 * once, on a fresh data dir, so the newcomer can sign in to the dashboard and see the demo
 * unit's taps. Its password is random and lives in a file only the owner may read. It is not
 * printed: what `npm start` prints ends up in scrollback, CI logs and screen shares, and
 * `npm run users` never echoes a password either; the console says where the file is.
 */

/** `.invalid` (RFC 2606): an address that can never reach anyone. */
export const DEMO_ACCOUNT_EMAIL = 'demo@hymy.invalid';

/** Beside the embedded server's database, where the account lives: they go away together. */
export function demoPasswordFile(dataDir: string): string {
  return join(dataDir, EMBEDDED_CENTRAL_DIR, 'demo-password');
}

/** 18 random bytes: 24 characters of base64url, past the server's minimum of 12. */
function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The password in the file, or undefined when there is none. */
export async function readDemoPassword(file: string): Promise<string | undefined> {
  try {
    const password = (await readFile(file, 'utf8')).trim();
    return password === '' ? undefined : password;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * The file's password, or a new one written to it first (mode 0600, never over another file):
 * a first start cut short after this point finds the same password on the next try.
 */
export async function demoPassword(file: string): Promise<string> {
  const found = await readDemoPassword(file);
  if (found !== undefined) {
    return found;
  }
  const password = newPassword();
  const handle = await open(file, 'wx', 0o600);
  try {
    // The umask may only take bits off; say the mode exactly all the same.
    await handle.chmod(0o600);
    await handle.writeFile(`${password}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return password;
}

/**
 * Makes the demo county account with the embedded server's admin token, over HTTP as any admin
 * tool would (the host does not import the server). An account already there is the one an
 * earlier, interrupted first start made with the same file's password.
 */
export async function createDemoAccount(
  central: Pick<EmbeddedCentral, 'url' | 'adminToken'>,
  dataDir: string,
): Promise<void> {
  const password = await demoPassword(demoPasswordFile(dataDir));
  const answer = await fetch(new URL('v1/admin/accounts', `${central.url}/`), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${central.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ email: DEMO_ACCOUNT_EMAIL, role: 'county', password, language: 'fi' }),
    signal: AbortSignal.timeout(10_000),
  });
  if (answer.status === 201 || answer.status === 409) {
    return;
  }
  const error = ApiErrorSchema.safeParse(await answer.json().catch(() => null));
  throw new EmbeddedCentralError(
    `the embedded central API refused the demo account (${answer.status}` +
      `${error.success ? `: ${error.data.error.message}` : ''})`,
  );
}

/**
 * Whether the server serves the built dashboard at `/` (it answers 503 when `npm run build` has
 * not made it), so `dashboard ready` is never printed for a page that is not there.
 */
export async function servesDashboard(central: Pick<EmbeddedCentral, 'url'>): Promise<boolean> {
  try {
    const answer = await fetch(`${central.url}/`, { signal: AbortSignal.timeout(10_000) });
    await answer.body?.cancel();
    return answer.status === 200;
  } catch {
    return false;
  }
}
