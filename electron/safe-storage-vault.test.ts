import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../host/log';
import { createSafeStorageVault, type SafeStorageLike } from './safe-storage-vault';

type Backend = ReturnType<NonNullable<SafeStorageLike['getSelectedStorageBackend']>>;

/**
 * A keystore as safeStorage uses one: a key only it holds, AES-GCM over the string. Another
 * keystore (a new key) cannot open what this one sealed, as Electron's decryptString throws.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: Backend } = {}) {
  const key = randomBytes(32);
  const calls = { encrypt: 0 };
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plainText) {
      if (!(options.available ?? true)) {
        throw new Error('Encryption is not available.');
      }
      calls.encrypt += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
  return { storage, calls };
}

function logged() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line) => lines.push(line) });
  const events = () => lines.map((line) => (JSON.parse(line) as { event: string }).event);
  return { logger, lines, events };
}

const TOKEN = 'tok_t_first_0123456789abcdef';

describe('the safeStorage token vault', () => {
  it('seals a token that only the same keystore opens back, and the sealed form hides it', () => {
    const { storage } = fakeSafeStorage();
    const vault = createSafeStorageVault(storage, logged().logger, 'linux');
    expect(vault.kind).toBe('safe-storage');
    expect(vault.available()).toBe(true);
    const stored = vault.seal(TOKEN);
    expect(stored.token).toBeUndefined();
    expect(stored.sealedToken?.scheme).toBe('electron-safe-storage');
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(vault.open(stored.sealedToken!)).toBe(TOKEN);
  });

  it('on Linux without a keyring (basic_text) is unavailable: the token stays plain, said once', () => {
    const { storage, calls } = fakeSafeStorage({ backend: 'basic_text' });
    const log = logged();
    const vault = createSafeStorageVault(storage, log.logger, 'linux');
    expect(vault.available()).toBe(false);
    expect(vault.seal(TOKEN)).toEqual({ token: TOKEN, sealedToken: undefined });
    expect(calls.encrypt).toBe(0);
    expect(log.events().filter((event) => event === 'token_vault_unavailable')).toHaveLength(1);
    expect(log.lines.join('')).toContain('basic_text');
  });

  it('where encryption is not available at all, the token stays plain', () => {
    const { storage } = fakeSafeStorage({ available: false });
    const log = logged();
    const vault = createSafeStorageVault(storage, log.logger, 'win32');
    expect(vault.available()).toBe(false);
    expect(vault.seal(TOKEN)).toEqual({ token: TOKEN, sealedToken: undefined });
    expect(log.events()).toContain('token_vault_unavailable');
  });

  it('the basic_text check is Linux only (Windows has DPAPI whatever the backend says)', () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    expect(createSafeStorageVault(storage, logged().logger, 'win32').available()).toBe(true);
  });

  it('a token sealed by another keystore does not open: null and a log line, never a throw', () => {
    const sealed = createSafeStorageVault(fakeSafeStorage().storage, logged().logger, 'linux').seal(
      TOKEN,
    ).sealedToken!;
    const log = logged();
    const other = createSafeStorageVault(fakeSafeStorage().storage, log.logger, 'linux');
    expect(other.open(sealed)).toBeNull();
    expect(log.events()).toContain('token_open_failed');
    expect(log.lines.join('')).not.toContain(TOKEN);
  });

  it('a sealing that throws leaves the token plain rather than lose it', () => {
    const { storage } = fakeSafeStorage();
    const log = logged();
    const vault = createSafeStorageVault(
      {
        ...storage,
        encryptString: () => {
          throw new Error('keyring locked');
        },
      },
      log.logger,
      'linux',
    );
    expect(vault.seal(TOKEN)).toEqual({ token: TOKEN, sealedToken: undefined });
    expect(log.events()).toContain('token_seal_failed');
    expect(log.lines.join('')).not.toContain(TOKEN);
  });
});
