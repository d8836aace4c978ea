import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../core';
import { sampleResponse, sampleResponseId } from '../core/sample-response';
import { uploadBatch } from './sync-transport';

// Against a real HTTP server on loopback: what the terminal makes of each answer it may get.

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;
let server: http.Server | null = null;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

async function serve(handler: Handler): Promise<string> {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, body, response));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

const answer = (n: number): Response => sampleResponse({ id: sampleResponseId(n) });

const json = (response: http.ServerResponse, status: number, body: unknown, headers = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

describe('uploading a batch', () => {
  it('posts the batch with the token and reads the three lists', async () => {
    let seen: { auth?: string; path?: string; count?: number } = {};
    const api = await serve((request, body, response) => {
      const { responses } = JSON.parse(body) as { responses: Response[] };
      seen = { auth: request.headers.authorization, path: request.url, count: responses.length };
      json(response, 200, {
        accepted: [responses[0]!.id],
        duplicate: [responses[1]!.id],
        rejected: [{ id: responses[2]!.id, code: 'bad_value', message: 'out of range' }],
      });
    });
    const outcome = await uploadBatch({ apiUrl: api, token: 'tok' }, [
      answer(1),
      answer(2),
      answer(3),
    ]);
    expect(seen).toEqual({ auth: 'Bearer tok', path: '/api/v1/terminal/responses', count: 3 });
    expect(outcome).toEqual({
      ok: true,
      accepted: [answer(1).id],
      duplicate: [answer(2).id],
      rejected: [{ id: answer(3).id, code: 'bad_value', message: 'out of range' }],
    });
  });

  it.each([
    [401, { ok: false, reason: 'unauthorized' }],
    [403, { ok: false, reason: 'revoked' }],
    [500, { ok: false, reason: 'server_error' }],
    [413, { ok: false, reason: 'server_error' }],
  ])('maps %i to a fault, never to delivered', async (status, outcome) => {
    const api = await serve((_request, _body, response) =>
      json(response, status, { error: { code: 'x', message: 'y' } }),
    );
    expect(await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)])).toEqual(outcome);
  });

  it.each([
    [429, 'rate_limited'],
    [503, 'server_error'],
  ])('honours Retry-After on %i', async (status, reason) => {
    const api = await serve((_request, _body, response) =>
      json(response, status, {}, { 'retry-after': '120' }),
    );
    expect(await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)])).toEqual({
      ok: false,
      reason,
      retryAfterMs: 120_000,
    });
  });

  it.each([
    ['not JSON', 'hello'],
    ['a list missing', JSON.stringify({ accepted: [] })],
    ['ids of the wrong type', JSON.stringify({ accepted: [1], duplicate: [], rejected: [] })],
  ])('treats a hostile 200 (%s) as a server fault', async (_name, body) => {
    const api = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    expect(await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)])).toEqual({
      ok: false,
      reason: 'server_error',
    });
  });

  it('ignores ids the batch did not hold', async () => {
    const api = await serve((_request, _body, response) =>
      json(response, 200, { accepted: [answer(1).id, answer(9).id], duplicate: [], rejected: [] }),
    );
    const outcome = await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)]);
    expect(outcome).toEqual({ ok: true, accepted: [answer(1).id], duplicate: [], rejected: [] });
  });

  it('never follows a redirect: the batch goes nowhere else, and it is a server fault', async () => {
    let elsewhereSaw = 0;
    const elsewhere = http.createServer((_request, response) => {
      elsewhereSaw += 1;
      response.end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    const api = await serve((_request, _body, response) => {
      response.writeHead(308, { location: target });
      response.end();
    });
    expect(await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)])).toEqual({
      ok: false,
      reason: 'server_error',
    });
    await new Promise((resolve) => elsewhere.close(resolve));
    expect(elsewhereSaw).toBe(0);
  });

  it('is offline when nothing listens', async () => {
    const api = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    expect(await uploadBatch({ apiUrl: api, token: 't' }, [answer(1)])).toEqual({
      ok: false,
      reason: 'offline',
    });
  });
});
