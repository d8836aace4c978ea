import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientError,
  ClientSecretBasic,
  ClientSecretPost,
  Configuration,
  discovery,
  fetchUserInfo,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
} from 'openid-client';
import { errorCode, type Logger } from '../log';
import type { RefusalKind } from './oidc-page';
import { createOidcAttempts } from './oidc-attempts';

/**
 * Login through the county's OpenID Connect provider (central-reports.md, Accounts): the
 * authorization-code flow with PKCE (S256), `state` and `nonce`, by openid-client. It proves
 * an e-mail address, nothing more: the routes map it to an account or refuse it.
 *
 * The provider's metadata is discovered when the server starts, without holding the start up:
 * a provider that cannot be reached then is asked again at the next login.
 */

export type OidcSettings = {
  /** The provider's issuer URL: https, or http on loopback (a test's provider). */
  issuer: string;
  clientId: string;
  /** Never logged, never shown. */
  clientSecret: string;
  /**
   * The server's public origin (`https://hymy.example.fi`) for the redirect URI, when the
   * server sits behind a proxy and cannot tell it from the request. Else the request's origin.
   */
  redirectBase?: string | undefined;
};

/** The path the provider sends the browser back to. */
export const OIDC_CALLBACK_PATH = '/v1/session/oidc/callback';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `url` may be spoken to over plain http: only on this machine. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** A provider that does not answer within this many seconds counts as unreachable. */
const PROVIDER_TIMEOUT_S = 10;

/** What the login proved, or why it is refused: `reason` is the audit log's stable code. */
export type OidcOutcome =
  { ok: true; email: string } | { ok: false; kind: RefusalKind; reason: string };

export type OidcLogin = {
  /** Starts discovering the provider's metadata, without waiting for it. */
  discoverSoon(): void;
  /** The provider's authorization URL for a new attempt, and the attempt's `state`. */
  begin(
    redirectUri: string,
    nowMs: number,
  ): Promise<
    { ok: true; url: URL; state: string } | { ok: false; kind: RefusalKind; reason: string }
  >;
  /**
   * The provider's answer at the callback. `browserState` is the state this browser's attempt
   * cookie holds: the callback's `state` must be the same, or the login was not started here.
   */
  finish(
    browserState: string | undefined,
    query: URLSearchParams,
    nowMs: number,
  ): Promise<OidcOutcome>;
};

/** Whether `error` says the provider could not be reached, or answered with a server fault. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof DOMException) {
    return error.name === 'TimeoutError' || error.name === 'AbortError';
  }
  if (error instanceof TypeError) {
    return error.message === 'fetch failed';
  }
  if (error instanceof ClientError && error.cause instanceof Response) {
    return error.cause.status >= 500;
  }
  return false;
}

/**
 * Whether the token endpoint refused this server itself (RFC 6749: `invalid_client`, 401),
 * not the person's code: a wrong client secret, a client the provider no longer knows.
 */
function isClientRejected(error: unknown): boolean {
  return (
    (error instanceof ResponseBodyError &&
      (error.error === 'invalid_client' || error.status === 401)) ||
    (error instanceof WWWAuthenticateChallengeError && error.status === 401)
  );
}

/** An error's code for the log: a failed fetch's cause (ECONNREFUSED, ENOTFOUND…) if it has one. */
function codeOf(error: unknown): string {
  return error instanceof TypeError && error.cause instanceof Error
    ? errorCode(error.cause)
    : errorCode(error);
}

/** The log's fields for a failure: codes only, never a message that could quote a token. */
function failureFields(reason: string, error: unknown) {
  return {
    reason,
    error: codeOf(error),
    ...(error instanceof ResponseBodyError ? { oauthError: error.error } : {}),
    ...(error instanceof ResponseBodyError || error instanceof WWWAuthenticateChallengeError
      ? { status: error.status }
      : {}),
  };
}

export function createOidcLogin(settings: OidcSettings, logger: Logger): OidcLogin {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:' && isLoopbackUrl(issuer);
  const attempts = createOidcAttempts();

  const discover = async (): Promise<Configuration> => {
    const execute = insecure ? [allowInsecureRequests] : [];
    const found = await discovery(
      issuer,
      settings.clientId,
      undefined,
      ClientSecretBasic(settings.clientSecret),
      { execute, timeout: PROVIDER_TIMEOUT_S },
    );
    // Basic is OpenID Connect's default; a provider that takes the secret only in the body
    // says so in its metadata.
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    const postOnly =
      methods?.includes('client_secret_basic') === false && methods.includes('client_secret_post');
    logger.info('oidc_discovered', {
      issuer: issuer.href,
      clientAuth: postOnly ? 'post' : 'basic',
    });
    if (!postOnly) {
      return found;
    }
    const post = new Configuration(
      found.serverMetadata(),
      settings.clientId,
      undefined,
      ClientSecretPost(settings.clientSecret),
    );
    execute.forEach((extension) => extension(post));
    post.timeout = PROVIDER_TIMEOUT_S;
    return post;
  };

  let discovered: Promise<Configuration> | undefined;
  /** The provider's configuration: discovered once, asked again after a failure. */
  const configuration = (): Promise<Configuration> => {
    discovered ??= discover().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  };

  /** Who the provider says signed in: the ID token's e-mail, else the UserInfo endpoint's. */
  const claimsOf = async (
    config: Configuration,
    tokens: Awaited<ReturnType<typeof authorizationCodeGrant>>,
  ): Promise<{ email: unknown; emailVerified: unknown }> => {
    const idToken = tokens.claims();
    if (idToken === undefined) {
      throw new Error('the provider sent no ID token');
    }
    if (idToken['email'] !== undefined) {
      return { email: idToken['email'], emailVerified: idToken['email_verified'] };
    }
    // A provider that follows the core spec to the letter puts scope claims in UserInfo only.
    const info = await fetchUserInfo(config, tokens.access_token, idToken.sub);
    return { email: info.email, emailVerified: info.email_verified };
  };

  const refuse = (reason: string, error: unknown): OidcOutcome => {
    if (reason === 'exchange_failed' && isClientRejected(error)) {
      // The provider does not take our client id and secret: the operator's to fix, and no
      // login will work until they do, so it is not the person's attempt that is wrong.
      logger.error('oidc_client_rejected', failureFields(reason, error));
      return { ok: false, kind: 'provider_down', reason: 'client_rejected' };
    }
    logger.warn('oidc_login_failed', failureFields(reason, error));
    return isUnreachable(error)
      ? { ok: false, kind: 'provider_down', reason: 'provider_unreachable' }
      : { ok: false, kind: 'attempt_broken', reason };
  };

  return {
    discoverSoon: () => {
      configuration().catch((error: unknown) => {
        logger.warn('oidc_discovery_failed', { issuer: issuer.href, error: codeOf(error) });
      });
    },

    begin: async (redirectUri, nowMs) => {
      let config: Configuration;
      try {
        config = await configuration();
      } catch (error) {
        logger.warn('oidc_discovery_failed', { issuer: issuer.href, error: codeOf(error) });
        return { ok: false, kind: 'provider_down', reason: 'provider_unreachable' };
      }
      const verifier = randomPKCECodeVerifier();
      const state = randomState();
      const nonce = randomNonce();
      attempts.add(state, { verifier, nonce, redirectUri, startedAtMs: nowMs });
      const url = buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email',
        response_type: 'code',
        code_challenge: await calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { ok: true, url, state };
    },

    finish: async (browserState, query, nowMs) => {
      const state = query.get('state');
      if (browserState === undefined || browserState === '') {
        return { ok: false, kind: 'attempt_broken', reason: 'no_attempt' };
      }
      // The cookie's attempt is spent either way: a callback that is not its own breaks it.
      const attempt = attempts.take(browserState, nowMs);
      if (state !== browserState) {
        return { ok: false, kind: 'attempt_broken', reason: 'state_mismatch' };
      }
      if (attempt === undefined) {
        return { ok: false, kind: 'attempt_broken', reason: 'attempt_expired' };
      }
      if (query.has('error')) {
        // The person cancelled, or the provider refused them (access_denied, login_required…).
        const code = query.get('error') ?? '';
        logger.warn('oidc_login_failed', {
          reason: 'provider_error',
          ...(/^[a-z_]{1,64}$/.test(code) ? { oauthError: code } : {}),
        });
        return { ok: false, kind: 'attempt_broken', reason: 'provider_error' };
      }
      let config: Configuration;
      try {
        config = await configuration();
      } catch (error) {
        return refuse('provider_unreachable', error);
      }
      const callbackUrl = new URL(attempt.redirectUri);
      callbackUrl.search = query.toString();
      let tokens;
      try {
        // openid-client checks the state, the issuer, the ID token's signature, audience and
        // nonce, and sends the PKCE verifier with the code.
        tokens = await authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: attempt.verifier,
          expectedState: state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        return refuse('exchange_failed', error);
      }
      let claims;
      try {
        claims = await claimsOf(config, tokens);
      } catch (error) {
        return refuse('userinfo_failed', error);
      }
      if (typeof claims.email !== 'string' || claims.email.trim() === '') {
        return { ok: false, kind: 'email_unverified', reason: 'email_missing' };
      }
      if (claims.emailVerified !== true) {
        // Its e-mail stays out of the audit log: anyone may claim any address unverified.
        return { ok: false, kind: 'email_unverified', reason: 'email_unverified' };
      }
      return { ok: true, email: claims.email };
    },
  };
}
