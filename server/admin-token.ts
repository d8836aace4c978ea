import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from './log';

export const ADMIN_TOKEN_FILE = 'admin-token';

export type AdminTokenSource = 'option' | 'env' | 'file' | 'generated';

/**
 * The admin token: given (`--admin-token`, then `HYMY_ADMIN_TOKEN`), else the one this data dir
 * already keeps, else a new random one written to DIR/admin-token, readable by its owner only.
 * The token itself is never logged; where it is, is.
 */
export async function resolveAdminToken(options: {
  dataDir: string;
  given: string | undefined;
  env: string | undefined;
  logger: Logger;
}): Promise<{ token: string; source: AdminTokenSource }> {
  if (options.given !== undefined && options.given !== '') {
    return { token: options.given, source: 'option' };
  }
  if (options.env !== undefined && options.env !== '') {
    return { token: options.env, source: 'env' };
  }
  const file = join(options.dataDir, ADMIN_TOKEN_FILE);
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept !== '') {
      await chmod(file, 0o600);
      options.logger.info('admin_token_read', { file });
      return { token: kept, source: 'file' };
    }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      throw error;
    }
  }
  const token = randomBytes(32).toString('base64url');
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an empty one kept its own.
  await chmod(file, 0o600);
  options.logger.info('admin_token_generated', { file });
  return { token, source: 'generated' };
}
