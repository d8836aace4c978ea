import type { SafeStorage } from 'electron';
import { errorCode, type Logger } from '../host/log';
import { SEALED_TOKEN_SCHEME } from '../host/terminal-files';
import type { StoredToken, TokenVault } from '../host/token-vault';

/**
 * The terminal token sealed with Electron's safeStorage: the key lives in the OS keystore
 * (DPAPI on Windows, libsecret or kwallet on Linux), so a copied settings.json is no token.
 * Electron's `safeStorage` comes in as an argument (type-only import here): main passes the
 * real one, tests a fake. Where no real keystore exists, the token stays in the 0600 file.
 */

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString'
> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  logger: Logger,
  platform: NodeJS.Platform = process.platform,
): TokenVault {
  const log = logger.with({ room: 'token-vault' });
  let toldUnavailable = false;
  const unavailable = (reason: string): false => {
    if (!toldUnavailable) {
      toldUnavailable = true;
      log.warn('token_vault_unavailable', { reason });
    }
    return false;
  };

  const available = (): boolean => {
    try {
      if (!safeStorage.isEncryptionAvailable()) {
        return unavailable('encryption_unavailable');
      }
      // On Linux without a keyring, Chromium "encrypts" with a key hard-coded in its source:
      // no better than the owner-only file, and it would tie the token to that choice.
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
        return unavailable('basic_text');
      }
      return true;
    } catch (error) {
      return unavailable(errorCode(error));
    }
  };

  return {
    kind: 'safe-storage',
    available,
    seal(token): StoredToken {
      if (available()) {
        try {
          const data = safeStorage.encryptString(token).toString('base64');
          return { token: undefined, sealedToken: { scheme: SEALED_TOKEN_SCHEME, data } };
        } catch (error) {
          log.warn('token_seal_failed', { code: errorCode(error) });
        }
      }
      return { token, sealedToken: undefined };
    },
    open(sealed) {
      try {
        const token = safeStorage.decryptString(Buffer.from(sealed.data, 'base64'));
        return token.length > 0 ? token : null;
      } catch (error) {
        log.error('token_open_failed', { code: errorCode(error) });
        return null;
      }
    },
  };
}
