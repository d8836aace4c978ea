import { readFileSync } from 'node:fs';
import { isLoopbackUrl, type OidcSettings } from './oidc';

/**
 * The OpenID Connect settings of `npm run server`, from its flags and environment. The client
 * secret is best kept off the command line (where `ps` shows it to every user of the machine):
 * HYMY_OIDC_CLIENT_SECRET or `--oidc-client-secret-file` rather than `--oidc-client-secret`.
 */

export type OidcFlags = {
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  clientSecretFile?: string | undefined;
  redirectBase?: string | undefined;
};

export type OidcSettingsResult =
  { ok: true; settings: OidcSettings | undefined } | { ok: false; problem: string };

const given = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * All three of issuer, client id and secret, or none of them (no OpenID Connect). A flag
 * wins over its environment variable. `readFile` is the file system's (tests pass their own).
 */
export function oidcSettings(
  flags: OidcFlags,
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): OidcSettingsResult {
  if (given(flags.clientSecret) !== undefined && given(flags.clientSecretFile) !== undefined) {
    return {
      ok: false,
      problem: 'give --oidc-client-secret or --oidc-client-secret-file, not both',
    };
  }
  let secretFromFile: string | undefined;
  const secretFile = given(flags.clientSecretFile);
  if (secretFile !== undefined) {
    try {
      // One line; its newline is not part of the secret.
      secretFromFile = given(readFile(secretFile).replace(/\r?\n$/, ''));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        ok: false,
        problem: `--oidc-client-secret-file ${secretFile} cannot be read (${typeof code === 'string' ? code : 'error'})`,
      };
    }
    if (secretFromFile === undefined) {
      return { ok: false, problem: `--oidc-client-secret-file ${secretFile} is empty` };
    }
  }
  const parts = {
    '--oidc-issuer': given(flags.issuer) ?? given(env['HYMY_OIDC_ISSUER']),
    '--oidc-client-id': given(flags.clientId) ?? given(env['HYMY_OIDC_CLIENT_ID']),
    '--oidc-client-secret':
      given(flags.clientSecret) ?? secretFromFile ?? given(env['HYMY_OIDC_CLIENT_SECRET']),
  };
  const missing = Object.entries(parts)
    .filter(([, value]) => value === undefined)
    .map(([flag]) => flag);
  const redirectBase = given(flags.redirectBase);
  if (missing.length === 3) {
    return redirectBase === undefined
      ? { ok: true, settings: undefined }
      : { ok: false, problem: '--oidc-redirect-base needs --oidc-issuer' };
  }
  if (missing.length > 0) {
    return {
      ok: false,
      problem: `OpenID Connect needs all of --oidc-issuer, --oidc-client-id and --oidc-client-secret: ${missing.join(' and ')} missing`,
    };
  }
  const issuer = httpUrl(parts['--oidc-issuer']!);
  if (issuer === undefined || (issuer.protocol === 'http:' && !isLoopbackUrl(issuer))) {
    return {
      ok: false,
      problem: '--oidc-issuer must be an https:// URL (http:// only on this machine, for tests)',
    };
  }
  let base: string | undefined;
  if (redirectBase !== undefined) {
    const url = httpUrl(redirectBase);
    if (url === undefined || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      return {
        ok: false,
        problem: '--oidc-redirect-base must be the server’s public origin, https://HOST[:PORT]',
      };
    }
    base = url.origin;
  }
  return {
    ok: true,
    settings: {
      issuer: parts['--oidc-issuer']!,
      clientId: parts['--oidc-client-id']!,
      clientSecret: parts['--oidc-client-secret']!,
      ...(base === undefined ? {} : { redirectBase: base }),
    },
  };
}
