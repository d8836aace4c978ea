import { afterEach, describe, expect, it } from 'vitest';
import {
  centralCall,
  centralUrl,
  retryAfterMs,
  statusReason,
  terminalFault,
  type CentralFault,
  type CentralRequest,
} from './central-http';
import {
  deadApiUrl,
  sendEndless,
  sendError,
  sendJson,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from './fake-central';

// The one client of the central API, against real HTTP servers on loopback: what every caller
// (the upload, enrollment, config, heartbeat, the admin tool) gets for each answer.

const servers: FakeCentral[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(answer: Answer): Promise<FakeCentral> {
  const server = await startFakeCentral(answer);
  servers.push(server);
  return server;
}

const call = (api: FakeCentral, more: Partial<CentralRequest> = {}) =>
  centralCall({
    apiUrl: api.url,
    path: '/terminal/config',
    token: 'tok-0123456789',
    timeoutMs: 5_000,
    maxBytes: 64 * 1024,
    ...more,
  });

describe('a call to the central API', () => {
  it('carries the token and the JSON body to {api}/v1<path> and reads the JSON answer', async () => {
    const api = await serve((_request, response) => sendJson(response, 201, { made: true }));
    const outcome = await call(api, { method: 'POST', path: '/admin/thing', json: { a: 1 } });
    expect(outcome).toMatchObject({ ok: true, status: 201, body: { made: true } });
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v1/admin/thing' });
    expect(api.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer tok-0123456789',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(JSON.parse(api.requests[0]!.body)).toEqual({ a: 1 });
  });

  it('refuses a redirect: reported with its target, which never hears of the call or the token', async () => {
    const elsewhere = await serve((_request, response) => sendJson(response, 200, {}));
    const api = await serve((_request, response) => {
      response.writeHead(307, { location: `${elsewhere.url}/v1/terminal/config` });
      response.end();
    });
    expect(await call(api)).toEqual({
      ok: false,
      reason: 'redirected',
      status: 307,
      location: `${elsewhere.url}/v1/terminal/config`,
    });
    expect(elsewhere.requests).toEqual([]);
  });

  it('gives up on a server that never answers, at its deadline', async () => {
    const api = await serve(() => undefined);
    expect(await call(api, { timeoutMs: 200 })).toEqual({
      ok: false,
      reason: 'unreachable',
      detail: 'no answer within 1 s',
    });
  });

  it('gives up on an answer that stalls halfway, at the same deadline', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"terminalId": "t_');
    });
    expect(await call(api, { timeoutMs: 200 })).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('is unreachable, saying why, when nothing listens', async () => {
    expect(await call({ url: await deadApiUrl() } as FakeCentral)).toEqual({
      ok: false,
      reason: 'unreachable',
      detail: 'connection refused',
    });
  });

  it('stops reading an endless answer at its cap, and one that announces its excess at once', async () => {
    const endless = await serve((_request, response) => sendEndless(response));
    expect(await call(endless, { maxBytes: 1024 })).toEqual({
      ok: false,
      reason: 'unusable',
      status: 200,
      detail: 'too large',
    });
    const announced = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('[');
    });
    expect(await call(announced, { maxBytes: 1024 })).toMatchObject({
      reason: 'unusable',
      detail: 'too large',
    });
  });

  it('calls an answer that is not JSON unusable', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<h1>Welcome</h1>');
    });
    expect(await call(api)).toEqual({
      ok: false,
      reason: 'unusable',
      status: 200,
      detail: 'not JSON',
    });
  });

  it('reads no body of a 204, a 304, or an answer it does not want', async () => {
    const api = await serve((request, response) => {
      if (request.path.endsWith('/heartbeat')) {
        sendJson(response, 200, { ignored: true });
      } else {
        response.writeHead(304, { etag: '"v1"' });
        response.end();
      }
    });
    expect(await call(api)).toMatchObject({ ok: true, status: 304, body: undefined });
    expect(
      await call(api, { method: 'POST', path: '/terminal/heartbeat', expect: 'nothing' }),
    ).toMatchObject({ ok: true, status: 200, body: undefined });
  });

  it("honours Retry-After in seconds and as an HTTP date, and keeps the server's error", async () => {
    const seconds = await serve((_request, response) =>
      sendError(response, 429, 'rate_limited', { 'retry-after': '7' }),
    );
    expect(await call(seconds)).toEqual({
      ok: false,
      reason: 'rate_limited',
      status: 429,
      error: { code: 'rate_limited', message: 'rate_limited (test)' },
      retryAfterMs: 7_000,
    });
    const date = await serve((_request, response) =>
      sendError(response, 503, 'shutting_down', {
        'retry-after': new Date(Date.now() + 60_000).toUTCString(),
      }),
    );
    const outcome = await call(date);
    expect(outcome).toMatchObject({ ok: false, reason: 'server_error', status: 503 });
    // An HTTP date has whole seconds, and the answer took a moment to come.
    const waited = (outcome as { retryAfterMs?: number }).retryAfterMs ?? 0;
    expect(waited).toBeGreaterThan(58_000);
    expect(waited).toBeLessThanOrEqual(60_000);
  });

  it.each([
    [400, 'refused'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'refused'],
    [410, 'refused'],
    [413, 'refused'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
  ])('maps a %i to %s, with the error body when it is one', async (status, reason) => {
    const api = await serve((_request, response) => sendError(response, status, 'some_code'));
    expect(await call(api)).toEqual({
      ok: false,
      reason,
      status,
      error: { code: 'some_code', message: 'some_code (test)' },
    });
  });

  it('maps a refusal that is not central-api.md speaking without its body', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not Found</h1>');
    });
    expect(await call(api)).toEqual({ ok: false, reason: 'refused', status: 404, error: null });
  });
});

describe('the one status → reason mapping', () => {
  it('is the same table for every caller', () => {
    const table = Object.fromEntries(
      [
        200, 201, 204, 299, 301, 302, 304, 307, 308, 400, 401, 403, 404, 410, 413, 429, 500, 503,
      ].map((status) => [status, statusReason(status)]),
    );
    expect(table).toEqual({
      200: 'answer',
      201: 'answer',
      204: 'answer',
      299: 'answer',
      301: 'redirected',
      302: 'redirected',
      304: 'answer',
      307: 'redirected',
      308: 'redirected',
      400: 'refused',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'refused',
      410: 'refused',
      413: 'refused',
      429: 'rate_limited',
      500: 'server_error',
      503: 'server_error',
    });
  });

  it("says a terminal's faults in the terminal's words", () => {
    const withStatus = (
      reason: 'unauthorized' | 'forbidden' | 'rate_limited' | 'refused' | 'server_error',
      retry?: number,
    ): CentralFault => ({
      ok: false,
      reason,
      status: 0,
      error: null,
      ...(retry === undefined ? {} : { retryAfterMs: retry }),
    });
    const faults: [CentralFault, ReturnType<typeof terminalFault>][] = [
      [
        { ok: false, reason: 'unreachable', detail: 'x' },
        { ok: false, reason: 'offline' },
      ],
      [
        { ok: false, reason: 'redirected', status: 308, location: null },
        { ok: false, reason: 'server_error' },
      ],
      [
        { ok: false, reason: 'unusable', status: 200, detail: 'not JSON' },
        { ok: false, reason: 'server_error' },
      ],
      [withStatus('unauthorized'), { ok: false, reason: 'unauthorized' }],
      [withStatus('forbidden'), { ok: false, reason: 'revoked' }],
      [withStatus('rate_limited', 5000), { ok: false, reason: 'rate_limited', retryAfterMs: 5000 }],
      [withStatus('refused'), { ok: false, reason: 'server_error' }],
      [withStatus('server_error', 9000), { ok: false, reason: 'server_error', retryAfterMs: 9000 }],
    ];
    for (const [fault, words] of faults) {
      expect(terminalFault(fault)).toStrictEqual(words);
    }
  });
});

describe('Retry-After and the URL', () => {
  it('reads seconds and dates, and caps at an hour', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('999999')).toBe(3_600_000);
    expect(retryAfterMs(new Date(1_000_000 + 5000).toUTCString(), 1_000_000)).toBe(5000);
    expect(retryAfterMs(new Date(1_000_000 - 5000).toUTCString(), 1_000_000)).toBe(0);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('joins the API base with or without a trailing slash', () => {
    expect(centralUrl('https://api.example/hymy', '/terminal/responses')).toBe(
      'https://api.example/hymy/v1/terminal/responses',
    );
    expect(centralUrl('https://api.example/', '/terminal/responses')).toBe(
      'https://api.example/v1/terminal/responses',
    );
  });
});
