import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Response } from '../core/response';
import { sampleResponse, sampleResponseId } from '../core/sample-response';
import { writeSettings } from './terminal-files';
import { sendJson, startFakeCentral } from './fake-central';
import { events, forgetHosts, services, t, useServicesFixture } from './services-fixture';

/** The sync domain: the upload with the host's token, and the journal of answers. */
useServicesFixture();

describe('sync before enrollment', () => {
  it('an upload is answered not_enrolled', async () => {
    const host = await services();
    expect(await host.handlers['sync:upload']({ responses: [] })).toEqual({
      ok: false,
      reason: 'not_enrolled',
    });
    await host.close();
  });

  it('an enrolled terminal uploads to its API with its token, which the page never sees', async () => {
    const seen: string[] = [];
    const api = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accepted: [], duplicate: [], rejected: [] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as AddressInfo;
    await writeSettings(t.dataDir, { apiUrl: `http://127.0.0.1:${port}`, token: 'secret-token' });
    const host = await services();
    const outcome = await host.handlers['sync:upload']({ responses: [] });
    expect(outcome).toEqual({ ok: true, accepted: [], duplicate: [], rejected: [] });
    expect(seen).toContain('POST /v1/terminal/responses Bearer secret-token');
    expect(JSON.stringify(host.status())).not.toContain('secret-token');
    await host.close();
    await new Promise((resolve) => api.close(resolve));
  });
});

const answer = (n: number): Response => sampleResponse({ id: sampleResponseId(n) });

describe("the host's journal of answers", () => {
  it('an answer the host has kept is still there after the host starts again', async () => {
    const first = await services();
    await expect(first.handlers['journal:append']({ response: answer(1) })).resolves.toEqual({
      ok: true,
    });
    await first.close();
    forgetHosts();
    const second = await services();
    expect(await second.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(1).id] });
    expect(await second.handlers['journal:read']({ ids: [answer(1).id] })).toEqual({
      responses: [answer(1)],
    });
    expect(second.status().journal?.unconfirmed).toBe(1);
  });

  it('answers the central API accepted, found duplicate or rejected leave the journal', async () => {
    const api = await startFakeCentral((_request, response) =>
      sendJson(response, 200, {
        accepted: [answer(1).id],
        duplicate: [answer(2).id],
        rejected: [{ id: answer(3).id, code: 'unknown_survey', message: 'no such survey' }],
      }),
    );
    t.api = api;
    await writeSettings(t.dataDir, { apiUrl: api.url, token: 'tok_0123456789abcdefghijklmnop' });
    const host = await services();
    const batch = [1, 2, 3, 4].map(answer);
    for (const response of batch) {
      await host.handlers['journal:append']({ response });
    }
    const outcome = await host.handlers['sync:upload']({ responses: batch.slice(0, 3) });
    expect(outcome.ok).toBe(true);
    // The fourth was not in the batch: it stays until the server has it.
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(4).id] });
  });

  it('a failed upload leaves every answer in the journal', async () => {
    const api = await startFakeCentral((_request, response) => sendJson(response, 503, {}));
    t.api = api;
    await writeSettings(t.dataDir, { apiUrl: api.url, token: 'tok_0123456789abcdefghijklmnop' });
    const host = await services();
    await host.handlers['journal:append']({ response: answer(1) });
    const outcome = await host.handlers['sync:upload']({ responses: [answer(1)] });
    expect(outcome.ok).toBe(false);
    expect(await host.handlers['journal:unconfirmed'](null)).toEqual({ ids: [answer(1).id] });
  });

  it('a restore is t.said on the console, in the log and in the status; settled answers leave', async () => {
    const host = await services();
    await host.handlers['journal:append']({ response: answer(1) });
    await host.handlers['journal:append']({ response: answer(2) });
    await host.handlers['journal:restored']({ restored: 0, settled: [answer(2).id] });
    expect(host.status().journal?.lastRestore).toBeNull();
    await host.handlers['journal:restored']({ restored: 1, settled: [] });
    expect(t.said).toContain('store restored: 1 answers');
    expect(events()).toContainEqual(expect.objectContaining({ event: 'store_restored', count: 1 }));
    expect(host.status().journal).toMatchObject({
      unconfirmed: 1,
      lastRestore: { count: 1, at: expect.any(String) as unknown },
    });
  });

  it('a journal that cannot be written refuses the answer and the status says why', async () => {
    // A folder where the file should be: every read and write of it fails with an I/O error.
    await mkdir(join(t.dataDir, 'journal.jsonl'));
    const host = await services();
    const changes: unknown[] = [];
    host.on('status:changed', (status) => changes.push(status.journal?.problem));
    expect(await host.handlers['journal:append']({ response: answer(1) })).toEqual({
      ok: false,
      reason: 'io_error',
    });
    expect(host.status().journal).toMatchObject({ problem: 'io_error', unconfirmed: 0 });
    expect(events()).toContainEqual(expect.objectContaining({ event: 'journal_unreadable' }));
  });
});
