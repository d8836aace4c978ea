import type { SealedToken } from './terminal-files';
import type { TokenVault } from './token-vault';

/**
 * A keystore vault in miniature, for the host's tests: it seals by naming its keystore, so what
 * one keystore sealed only a vault of that keystore opens (as after a changed OS keyring).
 * `sealsBadly`: the sealed form does not open back to the token (a broken keystore).
 */
export function keystoreVault(
  keystore: string,
  options: { sealsBadly?: boolean } = {},
): TokenVault {
  return {
    kind: 'safe-storage',
    available: () => true,
    seal: (token) => ({
      token: undefined,
      sealedToken: {
        scheme: 'electron-safe-storage',
        data: Buffer.from(`${keystore}:${options.sealsBadly ? 'garbage' : token}`).toString(
          'base64',
        ),
      },
    }),
    open(sealed: SealedToken) {
      const text = Buffer.from(sealed.data, 'base64').toString('utf8');
      return text.startsWith(`${keystore}:`) ? text.slice(keystore.length + 1) : null;
    },
  };
}
