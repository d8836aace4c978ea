import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../core/timers';
import {
  ContactKeyError,
  loadContactKey,
  openSealed,
  withServerContactKey,
  writeNewContactKey,
} from './contact-key';
import { startContactExpiry } from './feedback/contact-expiry';
import { dueAtMs } from './feedback/due-date';
import { silentLogger } from './log';
import { startTestServer, SURVEY, UNIT } from './test-support';

describe('the county’s contact key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hymy-contact-key-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is written readable by its owner only, and opens what its public key sealed', async () => {
    const file = join(dir, 'contact-key');
    const made = await writeNewContactKey(file);
    expect(made.ok).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const key = (await loadContactKey(file, true))!;
    expect(made.ok && made.publicKeyBase64).toBe(key.publicKeyBase64);
    expect(sodium.from_base64(key.publicKeyBase64, sodium.base64_variants.ORIGINAL)).toHaveLength(
      32,
    );
    const sealed = sodium.to_base64(
      sodium.crypto_box_seal('{"email":"a@b.fi"}', key.publicKey),
      sodium.base64_variants.ORIGINAL,
    );
    expect(await openSealed(key, sealed)).toBe('{"email":"a@b.fi"}');
    const otherPair = sodium.crypto_box_keypair();
    const foreign = sodium.to_base64(
      sodium.crypto_box_seal('x', otherPair.publicKey),
      sodium.base64_variants.ORIGINAL,
    );
    expect(await openSealed(key, foreign)).toBeUndefined();
  });

  it('is never written over an existing key', async () => {
    const file = join(dir, 'contact-key');
    await writeNewContactKey(file);
    const before = await readFile(file, 'utf8');
    const again = await writeNewContactKey(file);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.problem).toContain('already exists');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('is refused when others may read it, or when it is not a key file', async () => {
    const file = join(dir, 'contact-key');
    await writeNewContactKey(file);
    await chmod(file, 0o644);
    await expect(loadContactKey(file, true)).rejects.toThrow(/may be read by others/);
    await chmod(file, 0o600);
    const text = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    // A public key that is not the private key's.
    const mixed = { ...text, publicKey: text['privateKey'] };
    await writeFile(file, JSON.stringify(mixed));
    await expect(loadContactKey(file, true)).rejects.toBeInstanceOf(ContactKeyError);
    await writeFile(file, 'not json');
    await expect(loadContactKey(file, true)).rejects.toThrow(/is not a key file/);
    await expect(loadContactKey(join(dir, 'missing'), true)).rejects.toThrow(/cannot be read/);
    expect(await loadContactKey(join(dir, 'missing'), false)).toBeUndefined();
  });

  it('stops the server from starting when the key file is refused', async () => {
    const file = join(dir, 'contact-key');
    await writeFile(file, '{}', { mode: 0o600 });
    await expect(startTestServer({ contactKeyFile: file })).rejects.toBeInstanceOf(ContactKeyError);
  });

  it('fills a config that enables contact without a key with the server’s own', async () => {
    const file = join(dir, 'contact-key');
    await writeNewContactKey(file);
    const key = (await loadContactKey(file, true))!;
    expect(withServerContactKey({ contact: { enabled: true } }, key).contact).toEqual({
      enabled: true,
      publicKey: key.publicKeyBase64,
    });
    expect(withServerContactKey({ contact: { enabled: false } }, key).contact).toEqual({
      enabled: false,
    });
    expect(withServerContactKey({ contact: { enabled: true } }, undefined).contact).toEqual({
      enabled: true,
    });
  });
});

describe('contact on terminals', () => {
  it('is refused naming contact.publicKey when the server has no key to fill in', async () => {
    const t = await startTestServer();
    try {
      const refused = await t.admin('POST', '/v1/admin/enrollment-codes', {
        unit: UNIT,
        survey: SURVEY,
        contact: { enabled: true },
      });
      expect(refused.status).toBe(400);
      expect(errorOf(refused.body)).toMatchObject({ code: 'invalid_body' });
      expect(errorOf(refused.body).message).toMatch(/^contact\.publicKey: /);
      const terminal = await t.enroll();
      const patched = await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
        contact: { enabled: true },
      });
      expect(patched.status).toBe(400);
      expect(errorOf(patched.body).message).toMatch(/^contact\.publicKey: /);
      const key = sodium.to_base64(
        sodium.crypto_box_keypair().publicKey,
        sodium.base64_variants.ORIGINAL,
      );
      const given = await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
        contact: { enabled: true, publicKey: key, replyWithinDays: 5 },
      });
      expect(given.status, given.text).toBe(200);
      expect(given.body).toMatchObject({
        contact: { enabled: true, publicKey: key, replyWithinDays: 5 },
      });
      const days = await t.admin('PATCH', `/v1/admin/terminals/${terminal.terminalId}`, {
        contact: { replyWithinDays: 2 },
      });
      expect(days.body).toMatchObject({
        contact: { enabled: true, publicKey: key, replyWithinDays: 2 },
      });
    } finally {
      await t.cleanup();
    }
  }, 20_000);
});

describe('a contact request’s due date', () => {
  it('is the days later in the unit’s zone at the same wall-clock time, across summer time', () => {
    const helsinki = 'Europe/Helsinki';
    expect(new Date(dueAtMs(Date.parse('2026-11-20T12:05:00Z'), 7, helsinki)).toISOString()).toBe(
      '2026-11-27T12:05:00.000Z',
    );
    // Friday 14:00 EET, the clocks go forward on Sunday 29 March: due Friday 14:00 EEST.
    expect(new Date(dueAtMs(Date.parse('2026-03-27T12:00:00Z'), 7, helsinki)).toISOString()).toBe(
      '2026-04-03T11:00:00.000Z',
    );
    // And back on 25 October.
    expect(new Date(dueAtMs(Date.parse('2026-10-23T11:00:00Z'), 7, helsinki)).toISOString()).toBe(
      '2026-10-30T12:00:00.000Z',
    );
    // 03:30 on the day the clocks skip 03:00–04:00 does not exist: an hour on.
    expect(new Date(dueAtMs(Date.parse('2026-03-28T01:30:00Z'), 1, helsinki)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
});

describe('the contact expiry schedule', () => {
  it('runs every hour on the clock it is given, and not after it is stopped', async () => {
    const clock = manualClock();
    let runs = 0;
    const database = {
      db: {
        transaction: () => ({
          execute: () => {
            runs += 1;
            return Promise.resolve(0);
          },
        }),
      },
    } as unknown as Parameters<typeof startContactExpiry>[0];
    const expiry = startContactExpiry(database, {
      now: () => new Date(clock.now()),
      logger: silentLogger,
      timers: clock.timers,
    });
    await expiry.run();
    expect(runs).toBe(1);
    await clock.advance(60 * 60 * 1000);
    expect(runs).toBe(2);
    await clock.advance(2 * 60 * 60 * 1000);
    expect(runs).toBe(4);
    await expiry.stop();
    expect(clock.pending()).toEqual([]);
    await clock.advance(60 * 60 * 1000);
    expect(runs).toBe(4);
  });
});

function errorOf(body: unknown): { code: string; message: string } {
  return (body as { error: { code: string; message: string } }).error;
}
