import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { answer, startTestServer, type TestServer } from './test-support';

describe('the server log', () => {
  let t: TestServer | undefined;
  afterEach(() => t?.cleanup());

  it('is JSON lines with an event name, and never holds a comment, a token or a body', async () => {
    const lines: string[] = [];
    t = await startTestServer({ logger: createLogger({ write: (line) => lines.push(line) }) });
    const terminal = await t.enroll();
    const secret = 'Potilaan kommentti 040-1234567';
    await t.upload(terminal.token, [answer(1, { comment: secret })]);
    await t.upload(terminal.token, [answer(2, { value: 99, comment: secret })]);
    await t.call('POST', '/v1/terminal/responses', {
      token: terminal.token,
      body: `{"responses": ["${secret}`,
      headers: { 'content-type': 'application/json' },
    });
    await t.call('GET', '/v1/terminal/config', { token: 'wrong-token-abcdef' });
    await t.admin('GET', '/v1/admin/responses.csv?unitId=khks-lapset');

    expect(lines.length).toBeGreaterThan(5);
    const log = lines.join('');
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry['ts']).toBe('string');
      expect(typeof entry['event']).toBe('string');
    }
    for (const forbidden of [
      secret,
      terminal.token,
      t.server.adminToken,
      'wrong-token',
      'Bearer',
    ]) {
      expect(log).not.toContain(forbidden);
    }
    expect(log).toContain('"event":"responses_stored"');
  });
});
