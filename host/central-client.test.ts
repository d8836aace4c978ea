import { afterEach, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../core/central-api';
import { TerminalConfigSchema } from '../core/terminal-config';
import {
  enroll,
  fetchConfig,
  isUsableEtag,
  printable,
  sendHeartbeat,
  watchServerClock,
  type ServerClock,
} from './central-client';
import {
  deadApiUrl,
  fetchWithTimeout,
  sampleConfig,
  sampleEnrollAnswer,
  SAMPLE_TOKEN,
  sendEndless,
  sendError,
  sendJson,
  startFakeCentral,
  type Answer,
  type FakeCentral,
} from './fake-central';

let central: FakeCentral | null = null;
afterEach(async () => {
  await central?.close();
  central = null;
});

async function serve(answer: Answer): Promise<FakeCentral> {
  central = await startFakeCentral(answer);
  return central;
}

const request = { code: 'K7QD-M3XP', hardwareId: 'hw-0123456789ab', appVersion: '0.1.0' };
const target = (api: FakeCentral) => ({ apiUrl: api.url, token: SAMPLE_TOKEN });

const heartbeat: Heartbeat = {
  appVersion: '0.1.0',
  queued: 3,
  oldestQueuedAt: '2026-11-23T10:15:00.123Z',
  lastSyncAt: null,
  buttonBox: { connected: true, model: 'hymy-box', firmware: '1.0.0' },
  clock: '2026-11-23T10:20:00.000Z',
};

describe('enrolling with a code', () => {
  it('sends the code, hardware id and app version, and returns the id, token and config', async () => {
    const api = await serve((_request, response) => sendJson(response, 201, sampleEnrollAnswer()));
    const outcome = await enroll(api.url, request);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v1/enroll' });
    expect(api.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(api.requests[0]!.body)).toEqual(request);
    expect(outcome).toEqual({
      ok: true,
      answer: {
        terminalId: 't_01JDTEST',
        token: SAMPLE_TOKEN,
        config: TerminalConfigSchema.parse(sampleConfig('t_01JDTEST')),
      },
    });
  });

  it('finds the endpoint whether the API URL ends with a slash or not', async () => {
    const api = await serve((_request, response) => sendJson(response, 201, sampleEnrollAnswer()));
    expect((await enroll(`${api.url}/`, request)).ok).toBe(true);
    expect(api.requests.map((seen) => seen.path)).toEqual(['/v1/enroll']);
  });

  it.each([
    [404, 'code_unknown', 'code_unknown'],
    [410, 'code_used', 'code_used'],
    [410, 'code_expired', 'code_expired'],
    [410, 'something_else', 'code_expired'],
  ])('a %i %s is told apart as %s', async (status, code, reason) => {
    const api = await serve((_request, response) => sendError(response, status, code));
    expect(await enroll(api.url, request)).toEqual({ ok: false, reason });
  });

  it('a 404 that is not the API speaking says the URL is likely wrong, not the code', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not Found</h1>');
    });
    expect(await enroll(api.url, request)).toEqual({
      ok: false,
      reason: 'rejected',
      status: 404,
      message: expect.stringContaining('API base URL') as string,
    });
  });

  it('waits as long as a 429 asks', async () => {
    const api = await serve((_request, response) =>
      sendError(response, 429, 'rate_limited', { 'retry-after': '30' }),
    );
    expect(await enroll(api.url, request)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAfterMs: 30_000,
    });
  });

  it.each([500, 502, 503])('a %i is a server fault', async (status) => {
    const api = await serve((_request, response) => sendError(response, status, 'internal'));
    expect(await enroll(api.url, request)).toEqual({ ok: false, reason: 'server_error' });
  });

  it("passes on another refusal in the server's words, made printable", async () => {
    const api = await serve((_request, response) =>
      sendJson(response, 400, {
        error: { code: 'bad_request', message: 'appVersion\n\u001b[31mis missing' },
      }),
    );
    expect(await enroll(api.url, request)).toEqual({
      ok: false,
      reason: 'rejected',
      status: 400,
      message: 'appVersion [31mis missing',
    });
  });

  it('reports a redirect instead of following it', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(308, { location: 'https://central.example/v1/enroll' });
      response.end();
    });
    expect(await enroll(api.url, request)).toEqual({
      ok: false,
      reason: 'rejected',
      status: 308,
      message: 'redirected to https://central.example/v1/enroll',
    });
  });

  it.each([
    ['not JSON', 'hello'],
    ['no token', JSON.stringify({ ...sampleEnrollAnswer(), token: undefined })],
    ['a short token', JSON.stringify({ ...sampleEnrollAnswer(), token: 'short' })],
    ['an invalid config', JSON.stringify({ ...sampleEnrollAnswer(), config: { terminalId: 'x' } })],
    [
      "another terminal's config",
      JSON.stringify({ ...sampleEnrollAnswer('t_A'), config: sampleConfig('t_B') }),
    ],
  ])('treats a hostile success (%s) as a server fault', async (_name, body) => {
    const api = await serve((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(body);
    });
    expect(await enroll(api.url, request)).toEqual({ ok: false, reason: 'server_error' });
  });

  it('stops reading an endless answer at its cap', async () => {
    const api = await serve((_request, response) => sendEndless(response, 201));
    expect(await enroll(api.url, request)).toEqual({ ok: false, reason: 'server_error' });
  });

  it('is unreachable when nothing listens', async () => {
    expect(await enroll(await deadApiUrl(), request)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('is unreachable when the connection is reset', async () => {
    const api = await serve((_request, response) => response.socket?.destroy());
    expect(await enroll(api.url, request)).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('gives up on a server that never answers', async () => {
    const api = await serve(() => undefined);
    expect(await enroll(api.url, request, fetchWithTimeout(200))).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });

  it('gives up on an answer that stalls halfway', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.write('{"terminalId": "t_');
    });
    expect(await enroll(api.url, request, fetchWithTimeout(200))).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });
});

describe('fetching the config', () => {
  it('reads a new config with its ETag, asking with the terminal token', async () => {
    const api = await serve((_request, response) =>
      sendJson(response, 200, sampleConfig('t_1'), { etag: '"v1"' }),
    );
    const outcome = await fetchConfig(target(api), null);
    expect(outcome).toEqual({
      ok: true,
      changed: true,
      config: TerminalConfigSchema.parse(sampleConfig('t_1')),
      etag: '"v1"',
    });
    expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/v1/terminal/config' });
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${SAMPLE_TOKEN}`);
    expect(api.requests[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('sends the ETag it holds and hears "unchanged" on 304', async () => {
    const api = await serve((seen, response) => {
      if (seen.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' });
        response.end();
      } else {
        sendJson(response, 200, sampleConfig('t_1'), { etag: '"v1"' });
      }
    });
    expect(await fetchConfig(target(api), '"v1"')).toEqual({ ok: true, changed: false });
  });

  it('keeps no ETag that could not be sent back as a header', async () => {
    const api = await serve((_request, response) =>
      sendJson(response, 200, sampleConfig('t_1'), { etag: `"${'x'.repeat(300)}"` }),
    );
    expect(await fetchConfig(target(api), null)).toMatchObject({ ok: true, etag: null });
  });

  it('refuses an invalid config and names the field', async () => {
    const api = await serve((_request, response) =>
      sendJson(response, 200, { ...sampleConfig('t_1'), languages: ['sv'], defaultLanguage: 'fi' }),
    );
    expect(await fetchConfig(target(api), null)).toEqual({
      ok: false,
      reason: 'invalid',
      field: 'defaultLanguage',
      message: 'fi is not one of languages',
    });
  });

  it('refuses a config without a survey, naming the survey', async () => {
    const api = await serve((_request, response) =>
      sendJson(response, 200, { ...sampleConfig('t_1'), survey: undefined }),
    );
    expect(await fetchConfig(target(api), null)).toMatchObject({
      ok: false,
      reason: 'invalid',
      field: 'survey',
    });
  });

  it('treats a config that is not JSON as a server fault', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"terminalId": ');
    });
    expect(await fetchConfig(target(api), null)).toEqual({ ok: false, reason: 'server_error' });
  });

  it('stops reading an endless config at its cap', async () => {
    const api = await serve((_request, response) => sendEndless(response));
    expect(await fetchConfig(target(api), null)).toEqual({ ok: false, reason: 'server_error' });
  });

  it.each([
    [401, 'unauthorized', {}],
    [403, 'revoked', {}],
    [429, 'rate_limited', { retryAfterMs: 120_000 }],
    [503, 'server_error', { retryAfterMs: 120_000 }],
    [500, 'server_error', {}],
  ])('maps %i to %s', async (status, reason, extra) => {
    const api = await serve((_request, response) =>
      sendError(
        response,
        status,
        status === 403 ? 'terminal_revoked' : 'x',
        status === 429 || status === 503 ? { 'retry-after': '120' } : {},
      ),
    );
    expect(await fetchConfig(target(api), null)).toEqual({ ok: false, reason, ...extra });
  });

  it('is offline when the connection breaks mid-answer', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"terminalId": "t_1", ');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    expect(await fetchConfig(target(api), null)).toEqual({ ok: false, reason: 'offline' });
  });

  it('is offline when the server never answers', async () => {
    const api = await serve(() => undefined);
    expect(await fetchConfig(target(api), null, fetchWithTimeout(200))).toEqual({
      ok: false,
      reason: 'offline',
    });
  });
});

describe('sending a heartbeat', () => {
  it('posts the vital signs with the token and is done on 204', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    expect(await sendHeartbeat(target(api), heartbeat)).toEqual({ ok: true });
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v1/terminal/heartbeat' });
    expect(api.requests[0]!.headers.authorization).toBe(`Bearer ${SAMPLE_TOKEN}`);
    expect(JSON.parse(api.requests[0]!.body)).toEqual(heartbeat);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'revoked'],
    [429, 'rate_limited'],
    [500, 'server_error'],
  ])('maps %i to %s', async (status, reason) => {
    const api = await serve((_request, response) => sendError(response, status, 'x'));
    expect(await sendHeartbeat(target(api), heartbeat)).toEqual({ ok: false, reason });
  });

  it('never sends a heartbeat that fails its schema', async () => {
    const api = await serve((_request, response) => sendJson(response, 204, {}));
    expect(await sendHeartbeat(target(api), { ...heartbeat, queued: -1 })).toMatchObject({
      ok: false,
      reason: 'invalid',
      field: 'queued',
    });
    expect(api.requests).toHaveLength(0);
  });

  it('is offline when nothing listens', async () => {
    expect(
      await sendHeartbeat({ apiUrl: await deadApiUrl(), token: SAMPLE_TOKEN }, heartbeat),
    ).toEqual({ ok: false, reason: 'offline' });
  });
});

describe("the server's words", () => {
  it('are made one printable line of bounded length', () => {
    expect(printable('a\r\nb\u0007c')).toBe('a b c');
    expect(printable('x'.repeat(1000))).toHaveLength(300);
  });

  it('an ETag is kept only when it can be sent back as it is', () => {
    expect(isUsableEtag('"abc"')).toBe(true);
    expect(isUsableEtag('W/"abc"')).toBe(true);
    expect(isUsableEtag('"a b"')).toBe(false);
    expect(isUsableEtag('')).toBe(false);
  });
});

describe("the server's clock", () => {
  it('is read from the Date header of an answer, as server minus terminal', async () => {
    const api = await serve((_request, response) => {
      response.writeHead(204, { date: 'Mon, 02 Mar 2026 08:00:30 GMT' });
      response.end();
    });
    const clocks: ServerClock[] = [];
    const terminalNow = Date.parse('2026-03-02T08:00:00.000Z');
    const watched = watchServerClock(
      fetch,
      (clock) => clocks.push(clock),
      () => terminalNow,
    );
    expect(await sendHeartbeat(target(api), heartbeat, watched)).toEqual({ ok: true });
    expect(clocks).toEqual([{ skewMs: 30_000, at: '2026-03-02T08:00:00.000Z' }]);
  });

  it('says nothing of an answer without a usable Date header, or of no answer', async () => {
    const clocks: ServerClock[] = [];
    const noDate: typeof fetch = () => Promise.resolve(new Response(null, { status: 204 }));
    const badDate: typeof fetch = () =>
      Promise.resolve(new Response(null, { status: 204, headers: { date: 'yesterday' } }));
    for (const fetchImpl of [noDate, badDate]) {
      await sendHeartbeat(
        { apiUrl: 'http://127.0.0.1:9', token: SAMPLE_TOKEN },
        heartbeat,
        watchServerClock(fetchImpl, (clock) => clocks.push(clock)),
      );
    }
    const dead = { apiUrl: await deadApiUrl(), token: SAMPLE_TOKEN };
    expect(
      await sendHeartbeat(
        dead,
        heartbeat,
        watchServerClock(fetch, (clock) => clocks.push(clock)),
      ),
    ).toEqual({ ok: false, reason: 'offline' });
    expect(clocks).toEqual([]);
  });
});
