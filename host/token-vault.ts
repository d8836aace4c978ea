import { errorCode, type Logger } from './log';
import { updateSettings, type SealedToken, type TerminalSettings } from './terminal-files';

/**
 * Where the terminal token is kept at rest. In Electron the OS keystore seals it (safeStorage,
 * electron/safe-storage-vault.ts); elsewhere, or where no real keystore exists, it stays plain
 * in settings.json, which is owner-only (0600). The token never leaves the host either way.
 */

/** What settings.json keeps of a token: exactly one of the two fields, the other removed. */
export type StoredToken =
  { token: string; sealedToken: undefined } | { token: undefined; sealedToken: SealedToken };

export type TokenVault = {
  kind: 'safe-storage' | 'file';
  /** Whether `seal` seals now (a keystore is there); asked each time, it may come late. */
  available(): boolean;
  /** The token as settings keep it: sealed when available, else plain. Never throws. */
  seal(token: string): StoredToken;
  /** The token a sealed one holds; null when this vault cannot open it (keystore changed). */
  open(sealed: SealedToken): string | null;
};

function plain(token: string): StoredToken {
  return { token, sealedToken: undefined };
}

/** Node's vault (browser host, provision CLI): the token stays plain in the 0600 file. */
export const fileVault: TokenVault = {
  kind: 'file',
  available: () => false,
  seal: plain,
  open: () => null,
};

/** The token the settings hold, as far as this vault can tell. */
export type TokenRead =
  | { state: 'none' }
  | { state: 'plain' | 'sealed'; token: string }
  /** Sealed, but this vault cannot open it: the terminal cannot sync until re-enrolled. */
  | { state: 'unopenable' };

export function readToken(settings: TerminalSettings, vault: TokenVault): TokenRead {
  if (settings.sealedToken !== undefined) {
    const token = vault.open(settings.sealedToken);
    return token === null ? { state: 'unopenable' } : { state: 'sealed', token };
  }
  return settings.token === undefined
    ? { state: 'none' }
    : { state: 'plain', token: settings.token };
}

/**
 * Reads the token and, when the vault can seal and finds it plain, seals it in settings.json.
 * The new file replaces the old one in a single atomic rename, and only after the sealed token
 * was opened back to the same token: whatever happens, the file holds one of the two forms.
 * Returns the settings as they are now (on the disk, or in memory when the write failed).
 */
export async function loadToken(
  dataDir: string,
  settings: TerminalSettings,
  vault: TokenVault,
  logger: Logger,
): Promise<{ settings: TerminalSettings; read: TokenRead }> {
  const read = readToken(settings, vault);
  if (read.state === 'unopenable') {
    logger.error('token_unopenable', { vault: vault.kind, scheme: settings.sealedToken?.scheme });
    return { settings, read };
  }
  if (read.state !== 'plain' || !vault.available()) {
    return { settings, read };
  }
  const stored = vault.seal(read.token);
  if (stored.sealedToken === undefined || vault.open(stored.sealedToken) !== read.token) {
    logger.warn('token_not_sealed', { vault: vault.kind });
    return { settings, read };
  }
  try {
    const next = await updateSettings(dataDir, stored);
    logger.info('token_sealed', { vault: vault.kind });
    return { settings: next, read: { state: 'sealed', token: read.token } };
  } catch (error) {
    // The plain file is still whole: the token works, sealing is tried at the next start.
    logger.error('token_seal_not_saved', { code: errorCode(error) });
    return { settings, read };
  }
}
