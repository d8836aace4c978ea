import { describe, expect, it } from 'vitest';
import { oidcSettings } from './oidc-settings';

const ISSUER = 'https://login.example.fi/realms/county';
const noFile = (file: string): string => {
  throw Object.assign(new Error(`no ${file}`), { code: 'ENOENT' });
};

describe('the OpenID Connect settings of `npm run server`', () => {
  it('none given: no OpenID Connect', () => {
    expect(oidcSettings({}, {})).toEqual({ ok: true, settings: undefined });
  });

  it('takes the secret from HYMY_OIDC_CLIENT_SECRET, keeping it off the command line', () => {
    expect(
      oidcSettings({ issuer: ISSUER, clientId: 'hymy' }, { HYMY_OIDC_CLIENT_SECRET: 's3cret' }),
    ).toEqual({ ok: true, settings: { issuer: ISSUER, clientId: 'hymy', clientSecret: 's3cret' } });
  });

  it('takes the secret from a file, without its newline; a flag wins over the environment', () => {
    const settings = oidcSettings(
      { clientSecretFile: '/run/secrets/oidc', redirectBase: 'https://hymy.example.fi/' },
      { HYMY_OIDC_ISSUER: ISSUER, HYMY_OIDC_CLIENT_ID: 'hymy', HYMY_OIDC_CLIENT_SECRET: 'env' },
      (file) => (file === '/run/secrets/oidc' ? 'from-file\n' : noFile(file)),
    );
    expect(settings).toEqual({
      ok: true,
      settings: {
        issuer: ISSUER,
        clientId: 'hymy',
        clientSecret: 'from-file',
        redirectBase: 'https://hymy.example.fi',
      },
    });
  });

  it.each([
    [{ issuer: ISSUER }, {}, '--oidc-client-id and --oidc-client-secret missing'],
    [{ issuer: ISSUER, clientId: 'hymy' }, {}, '--oidc-client-secret missing'],
    [{}, { HYMY_OIDC_CLIENT_SECRET: 's' }, '--oidc-issuer and --oidc-client-id missing'],
    [
      { issuer: 'http://login.example.fi', clientId: 'hymy', clientSecret: 's' },
      {},
      'must be an https:// URL',
    ],
    [{ issuer: 'not a url', clientId: 'hymy', clientSecret: 's' }, {}, 'must be an https:// URL'],
    [
      { issuer: ISSUER, clientId: 'hymy', clientSecret: 's', clientSecretFile: '/f' },
      {},
      'not both',
    ],
    [{ issuer: ISSUER, clientId: 'hymy', clientSecretFile: '/nowhere' }, {}, 'ENOENT'],
    [
      { issuer: ISSUER, clientId: 'hymy', clientSecret: 's', redirectBase: 'https://x/hymy' },
      {},
      'public origin',
    ],
    [{ redirectBase: 'https://hymy.example.fi' }, {}, 'needs --oidc-issuer'],
  ])('%j with %j is refused: %s', (flags, env, problem) => {
    const result = oidcSettings(flags, env, noFile);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(problem);
  });

  it('allows plain http only for a provider on this machine', () => {
    const local = oidcSettings(
      { issuer: 'http://127.0.0.1:9000', clientId: 'hymy', clientSecret: 's' },
      {},
    );
    expect(local.ok).toBe(true);
  });
});
