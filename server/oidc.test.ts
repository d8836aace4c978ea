import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginMethodsSchema, MeSchema } from '../core/accounts-api';
import { ApiErrorSchema } from '../core/central-api';
import { createLogger } from './log';
import { createStores } from './store';
import { TEST_ENGINE, UNIT, startTestServer, type TestServer } from './test-support';
import {
  startTestProvider,
  type ProviderOptions,
  type ProviderUser,
  type TestProvider,
} from './test-oidc-provider';

const START = '/v1/session/oidc';
const CALLBACK = '/v1/session/oidc/callback';
const codeOf = (body: unknown) => ApiErrorSchema.parse(body).error.code;

/** One request of a walk through the login: where it went and what came back. */
type Hop = { url: URL; status: number; location: string | null; setCookie: string[] };

/**
 * A browser, as far as a login needs one: it follows redirects by hand and keeps cookies by
 * host (as browsers do, whatever the port: the provider and the server share 127.0.0.1).
 */
function browser(language: string) {
  const jar = new Map<string, string>();
  const keep = (setCookies: string[]): void => {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const gone =
        value === '' ||
        attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) ||
        attributes.some((attribute) => {
          const expires = /^\s*expires=(.*)$/i.exec(attribute)?.[1];
          return expires !== undefined && Date.parse(expires) <= Date.now();
        });
      if (gone) {
        jar.delete(name);
      } else {
        jar.set(name, value);
      }
    }
  };
  const request = async (url: URL): Promise<{ hop: Hop; response: Response }> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { 'accept-language': language, ...(cookie === '' ? {} : { cookie }) },
    });
    const setCookie = response.headers.getSetCookie();
    keep(setCookie);
    const location = response.headers.get('location');
    return { hop: { url, status: response.status, location, setCookie }, response };
  };
  return {
    jar,
    request,
    /**
     * Follows redirects from `start` until the server's callback has answered (or a page that
     * is not a redirect); every hop on the way, and the last answer's text.
     */
    walk: async (start: string): Promise<{ hops: Hop[]; last: Hop; text: string }> => {
      const hops: Hop[] = [];
      let url = new URL(start);
      for (;;) {
        const { hop, response } = await request(url);
        hops.push(hop);
        const redirect = hop.status >= 300 && hop.status < 400 && hop.location !== null;
        if (!redirect || url.pathname === CALLBACK || hops.length > 20) {
          return { hops, last: hop, text: await response.text() };
        }
        await response.body?.cancel();
        url = new URL(hop.location!, url);
      }
    },
  };
}

const sessionCookieOf = (hop: Hop): string | undefined =>
  hop.setCookie.map((line) => /^hymy_session=[^;]+/.exec(line)?.[0]).find(Boolean);

describe(`login through the county's OpenID provider (${TEST_ENGINE})`, () => {
  let provider: TestProvider | undefined;
  let t: TestServer | undefined;
  let logLines: string[] = [];
  afterEach(async () => {
    await t?.cleanup();
    await provider?.close();
    t = undefined;
    provider = undefined;
    logLines = [];
  });

  /** A provider and a server that uses it; the provider down at the server's start if asked. */
  async function start(
    options: ProviderOptions & { providerDown?: boolean; clientSecret?: string } = {},
  ) {
    const idp = await startTestProvider();
    provider = idp;
    idp.setAvailable(options.providerDown !== true);
    const server = await startTestServer({
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: options.clientSecret ?? idp.clientSecret,
      },
      logger: createLogger({ write: (line) => logLines.push(line), level: 'debug' }),
    });
    t = server;
    idp.configure(`${server.server.url}${CALLBACK}`, options);
    return { idp, server };
  }

  const auditOf = async (server: TestServer, n: number) =>
    (await createStores(server.database.db).audit.newest(n)).map((entry) => ({
      actor: entry.actor,
      action: entry.action,
      detail: entry.detail,
    }));

  const nurse: ProviderUser = {
    sub: 'nurse-1',
    email: 'Hoitaja@Example.fi',
    emailVerified: true,
  };

  it('a person whose verified e-mail is an account signs in through the provider', async () => {
    const { idp, server } = await start();
    await server.enroll();
    await server.addAccount({ email: 'hoitaja@example.fi', role: 'unit', units: [UNIT.id] });
    const methods = await server.call('GET', '/v1/session/methods');
    expect(LoginMethodsSchema.parse(methods.body)).toEqual({ password: true, oidc: true });

    idp.loginAs(nurse);
    const person = browser('fi-FI,fi;q=0.9');
    const { hops, last } = await person.walk(`${server.server.url}${START}`);

    // Off to the provider: the code flow with PKCE (S256), state and nonce.
    const first = hops[0]!;
    expect(first.status).toBe(302);
    const authorize = new URL(first.location!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('scope')).toBe('openid email');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.server.url}${CALLBACK}`);
    const attemptCookie = first.setCookie.find((line) => line.startsWith('hymy_oidc='));
    expect(attemptCookie).toMatch(/HttpOnly/);
    expect(attemptCookie).toMatch(/SameSite=Lax/);
    expect(attemptCookie).toMatch(/Path=\/v1\/session\/oidc/);
    expect(attemptCookie).toMatch(/Max-Age=600/);

    // Back at the server: a session, and on to the dashboard.
    expect(last.url.pathname).toBe(CALLBACK);
    expect(last.status).toBe(302);
    expect(last.location).toBe('/');
    const setSession = last.setCookie.find((line) => line.startsWith('hymy_session='));
    expect(setSession).toMatch(/^hymy_session=[\w-]{43};/);
    expect(setSession).toMatch(/HttpOnly/);
    expect(setSession).toMatch(/SameSite=Strict/);
    expect(person.jar.has('hymy_oidc')).toBe(false);
    const cookie = sessionCookieOf(last)!;
    const me = await server.person(cookie, 'GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(MeSchema.parse(me.body)).toEqual({
      email: 'hoitaja@example.fi',
      role: 'unit',
      units: [UNIT.id],
    });
    expect((await auditOf(server, 1))[0]).toEqual({
      actor: 'hoitaja@example.fi',
      action: 'login',
      detail: { method: 'oidc' },
    });

    // The same callback again (a reload, a replay) opens nothing.
    const again = await person.request(last.url);
    expect(again.hop.status).toBe(400);
    expect(sessionCookieOf(again.hop)).toBeUndefined();

    // Neither the client secret nor the session's token is ever logged.
    const log = logLines.join('\n');
    expect(log).toContain('oidc_discovered');
    expect(log).not.toContain(idp.clientSecret);
    expect(log).not.toContain(cookie.split('=')[1]);
    expect(log).not.toContain(authorize.searchParams.get('state'));
  });

  it('a provider that puts the e-mail in the ID token signs a county account in too', async () => {
    const { idp, server } = await start({ claimsInIdToken: true });
    await server.addAccount({ email: 'county@example.fi', role: 'county' });
    idp.loginAs({ sub: 'c-1', email: 'county@example.fi', emailVerified: true });
    const { last } = await browser('en').walk(`${server.server.url}${START}`);
    expect(last.status).toBe(302);
    const me = await server.person(sessionCookieOf(last)!, 'GET', '/v1/me');
    expect(me.body).toEqual({ email: 'county@example.fi', role: 'county', units: [] });
  });

  it('a provider that takes the client secret only in the body is sent it there', async () => {
    const { idp, server } = await start({ secretInBody: true });
    await server.addAccount({ email: 'county@example.fi', role: 'county' });
    idp.loginAs({ sub: 'c-1', email: 'county@example.fi', emailVerified: true });
    const { last } = await browser('fi').walk(`${server.server.url}${START}`);
    expect(last.status).toBe(302);
    expect(sessionCookieOf(last)).toBeDefined();
    expect(logLines.join('\n')).toContain('"clientAuth":"post"');
  });

  it('a verified e-mail with no account is refused with a page in Finnish, and no session', async () => {
    const { idp, server } = await start();
    idp.loginAs({ sub: 'stranger', email: 'vieras@example.fi', emailVerified: true });
    const { last, text } = await browser('fi-FI,fi;q=0.9,en;q=0.8').walk(
      `${server.server.url}${START}`,
    );
    expect(last.url.pathname).toBe(CALLBACK);
    expect(last.status).toBe(403);
    expect(text).toContain('<html lang="fi">');
    expect(text).toContain('<title>Kirjautuminen estetty – Hymy</title>');
    expect(text).toContain('<main>');
    expect(text).toContain('Sähköpostiosoitteellasi ei ole Hymy-käyttäjätiliä');
    expect(text).toContain('<a href="/">');
    expect(text).not.toContain('vieras@example.fi');
    expect(sessionCookieOf(last)).toBeUndefined();
    expect(await server.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect((await auditOf(server, 1))[0]).toEqual({
      actor: 'vieras@example.fi',
      action: 'login_refused',
      detail: { method: 'oidc', reason: 'no_account' },
    });
  });

  it('an e-mail the provider has not verified is refused, even when it is an account’s', async () => {
    const { idp, server } = await start();
    await server.addAccount({ email: 'county@example.fi', role: 'county' });
    idp.loginAs({ sub: 'claims-anything', email: 'county@example.fi', emailVerified: false });
    const { last, text } = await browser('en-GB,en;q=0.9,fi;q=0.5').walk(
      `${server.server.url}${START}`,
    );
    expect(last.status).toBe(403);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('Your identity provider has not verified your e-mail address');
    expect(sessionCookieOf(last)).toBeUndefined();
    expect((await auditOf(server, 1))[0]).toEqual({
      actor: 'oidc',
      action: 'login_refused',
      detail: { method: 'oidc', reason: 'email_unverified' },
    });
  });

  it('a callback this browser did not start, or with another state, is a 400 page', async () => {
    const { server } = await start();
    const stranger = browser('sv-FI,sv;q=0.9');
    const forged = await stranger.request(
      new URL(`${server.server.url}${CALLBACK}?code=stolen&state=made-up`),
    );
    expect(forged.hop.status).toBe(400);
    const text = await forged.response.text();
    expect(text).toContain('<html lang="sv">');
    expect(text).toContain('Det här inloggningsförsöket har gått ut eller avbrutits');
    expect(text).not.toContain('made-up');
    expect(forged.response.headers.get('content-type')).toBe('text/html; charset=utf-8');

    // A real attempt, but the callback names another state: refused, and the attempt is spent.
    const person = browser('fi');
    const begun = await person.request(new URL(`${server.server.url}${START}`));
    const state = new URL(begun.hop.location!).searchParams.get('state')!;
    const wrong = await person.request(
      new URL(`${server.server.url}${CALLBACK}?code=abc&state=${state}x`),
    );
    expect(wrong.hop.status).toBe(400);
    expect(sessionCookieOf(wrong.hop)).toBeUndefined();
    // The provider's "no" (the person cancelled) with the right state: a 400 page as well.
    const retry = await person.request(new URL(`${server.server.url}${START}`));
    const retryState = new URL(retry.hop.location!).searchParams.get('state')!;
    const denied = await person.request(
      new URL(`${server.server.url}${CALLBACK}?error=access_denied&state=${retryState}`),
    );
    expect(denied.hop.status).toBe(400);
    expect(await server.database.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect((await auditOf(server, 3)).map((entry) => [entry.actor, entry.detail])).toEqual([
      ['oidc', { method: 'oidc', reason: 'provider_error' }],
      ['oidc', { method: 'oidc', reason: 'state_mismatch' }],
      ['oidc', { method: 'oidc', reason: 'no_attempt' }],
    ]);
  });

  it('a provider down when the server starts is asked again at the next login', async () => {
    const { idp, server } = await start({ providerDown: true });
    await vi.waitFor(() => expect(logLines.join('\n')).toContain('oidc_discovery_failed'));
    await server.addAccount({ email: 'hoitaja@example.fi', role: 'county' });

    const down = await browser('en').walk(`${server.server.url}${START}`);
    expect(down.last.status).toBe(502);
    expect(down.text).toContain('Hymy could not reach your organisation’s identity provider');
    expect((await auditOf(server, 1))[0]).toEqual({
      actor: 'oidc',
      action: 'login_refused',
      detail: { method: 'oidc', reason: 'provider_unreachable' },
    });

    idp.setAvailable(true);
    idp.loginAs(nurse);
    const up = await browser('en').walk(`${server.server.url}${START}`);
    expect(up.last.status).toBe(302);
    expect(sessionCookieOf(up.last)).toBeDefined();
  });

  it('a client secret the provider does not take is the operator’s fault: a 502 page', async () => {
    const wrong = 'not-the-secret-the-provider-knows';
    const { idp, server } = await start({ clientSecret: wrong });
    await server.addAccount({ email: 'county@example.fi', role: 'county' });
    idp.loginAs({ sub: 'c-1', email: 'county@example.fi', emailVerified: true });
    const { last, text } = await browser('fi').walk(`${server.server.url}${START}`);
    expect(last.url.pathname).toBe(CALLBACK);
    expect(last.status).toBe(502);
    expect(text).toContain('Hymy ei saanut yhteyttä organisaatiosi tunnistuspalveluun');
    expect(sessionCookieOf(last)).toBeUndefined();
    expect((await auditOf(server, 1))[0]?.detail).toEqual({
      method: 'oidc',
      reason: 'client_rejected',
    });
    const log = logLines.join('\n');
    expect(log).toContain('oidc_client_rejected');
    expect(log).not.toContain(wrong);
  });

  it('a server without a provider says so: 404 oidc_not_configured, methods without oidc', async () => {
    const server = await startTestServer();
    t = server;
    const begin = await server.call('GET', START);
    expect(begin.status).toBe(404);
    expect(codeOf(begin.body)).toBe('oidc_not_configured');
    const callback = await server.call('GET', `${CALLBACK}?code=a&state=b`);
    expect(callback.status).toBe(404);
    expect(codeOf(callback.body)).toBe('oidc_not_configured');
    const methods = await server.call('GET', '/v1/session/methods');
    expect(methods.status).toBe(200);
    expect(methods.body).toEqual({ password: true, oidc: false });
  });
});
