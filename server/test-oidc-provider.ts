import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
  type AdapterFactory,
  type AdapterPayload,
  type Configuration,
} from 'oidc-provider';

/**
 * For the OpenID Connect tests: a real OpenID provider (the `oidc-provider` package) on a free
 * loopback port, with one confidential client. Its login and consent are one step with no
 * form: the interaction signs in whoever the test named with `loginAs`, as if they had typed
 * their password at the county's provider.
 *
 * The provider listens before it is built, so its issuer URL can be given to the server under
 * test, and it is built once that server's port (its redirect URI) is known: requests that
 * come before wait for it.
 */

export type ProviderUser = { sub: string; email: string; emailVerified: boolean };

export type ProviderOptions = {
  /**
   * The e-mail claims in the ID token itself (as Entra ID and Google do). Else, as the core
   * spec has it for the code flow, only the UserInfo endpoint gives them.
   */
  claimsInIdToken?: boolean;
  /** The provider takes the client secret only in the token request's body, not in Basic. */
  secretInBody?: boolean;
};

export type TestProvider = {
  /** `http://127.0.0.1:PORT` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Builds the provider, its client sent back to `redirectUri`; the waiting requests go on. */
  configure(redirectUri: string, options?: ProviderOptions): void;
  /** Who signs in at the provider's next interaction. */
  loginAs(user: ProviderUser): void;
  /** While false, every request gets 503: a provider that is down. */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
};

/**
 * The provider's store, in memory: oidc-provider's own would do, but it warns on every start.
 * Nothing expires here; a test's login lasts seconds.
 */
function memoryAdapter(): AdapterFactory {
  const store = new Map<string, AdapterPayload>();
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: (id, payload) => Promise.resolve(void store.set(key(id), payload)),
      find: (id) => Promise.resolve(store.get(key(id))),
      findByUserCode: () => Promise.resolve(undefined),
      findByUid: (uid) =>
        Promise.resolve(
          [...store].find(
            ([at, payload]) => at.startsWith(`${model}:`) && payload.uid === uid,
          )?.[1],
        ),
      consume: (id) => {
        const payload = store.get(key(id));
        if (payload !== undefined) {
          payload.consumed = Math.floor(Date.now() / 1000);
        }
        return Promise.resolve();
      },
      destroy: (id) => Promise.resolve(void store.delete(key(id))),
      revokeByGrantId: (grantId) => {
        for (const [at, payload] of store) {
          if (payload.grantId === grantId) {
            store.delete(at);
          }
        }
        return Promise.resolve();
      },
    };
  };
}

export async function startTestProvider(): Promise<TestProvider> {
  const clientId = 'hymy-central';
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const users = new Map<string, ProviderUser>();
  let current: ProviderUser | undefined;
  let available = true;
  let secretInBody = false;
  let built: (provider: Provider) => void = () => undefined;
  const ready = new Promise<Provider>((resolve) => {
    built = resolve;
  });

  const interact = async (
    provider: Provider,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const user = current;
    if (user === undefined) {
      res.writeHead(500).end('the test named nobody to sign in (loginAs)');
      return;
    }
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: user.sub, clientId });
    const scope = details.params['scope'];
    grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  const server = createServer((req, res) => {
    if (!available) {
      res.writeHead(503).end();
      return;
    }
    // oidc-provider takes either way from a client of either method; a strict provider does not.
    if (secretInBody && req.url === '/token' && req.headers.authorization !== undefined) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client' }));
      return;
    }
    void ready.then(async (provider) => {
      try {
        if (req.url?.startsWith('/interaction/') === true) {
          await interact(provider, req, res);
          return;
        }
        await provider.callback()(req, res);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const configure: TestProvider['configure'] = (redirectUri, options = {}) => {
    secretInBody = options.secretInBody === true;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method:
            options.secretInBody === true ? 'client_secret_post' : 'client_secret_basic',
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig' }] },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      adapter: memoryAdapter(),
      ...(options.secretInBody === true ? { clientAuthMethods: ['client_secret_post'] } : {}),
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      conformIdTokenClaims: options.claimsInIdToken !== true,
      // PKCE for every client, confidential ones too: a login without it fails the test.
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const user = users.get(sub);
        return user === undefined
          ? undefined
          : {
              accountId: sub,
              claims: () => ({ sub, email: user.email, email_verified: user.emailVerified }),
            };
      },
    };
    built(new Provider(issuer, configuration));
  };

  return {
    issuer,
    clientId,
    clientSecret,
    configure,
    loginAs: (user) => {
      users.set(user.sub, user);
      current = user;
    },
    setAvailable: (up) => {
      available = up;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
