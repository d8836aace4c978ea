import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTACT_EMAIL_MAX_LENGTH,
  CONTACT_NAME_MAX_LENGTH,
  CONTACT_SEALED_MAX_LENGTH,
  ContactSealedSchema,
} from '../../core';
import { sealContact } from './contact-seal';

const { ORIGINAL } = sodium.base64_variants;
let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
let publicKey: string;

beforeAll(async () => {
  await sodium.ready;
  keys = sodium.crypto_box_keypair();
  publicKey = sodium.to_base64(keys.publicKey, ORIGINAL);
});

/** What the county's server does with the sealed text: open it with its private key. */
function open(sealed: string): unknown {
  const box = sodium.from_base64(sealed, ORIGINAL);
  return JSON.parse(sodium.crypto_box_seal_open(box, keys.publicKey, keys.privateKey, 'text'));
}

describe('sealing a contact request', () => {
  it('is opened by the county’s private key into the JSON of the details given', async () => {
    const result = await sealContact(
      { name: 'Äijä Öhman', phone: '+358401234567', email: 'aija@example.fi' },
      publicKey,
    );
    expect(result.ok).toBe(true);
    const sealed = result.ok ? result.sealed : '';
    expect(ContactSealedSchema.safeParse(sealed).success).toBe(true);
    expect(open(sealed)).toEqual({
      name: 'Äijä Öhman',
      phone: '+358401234567',
      email: 'aija@example.fi',
    });
    expect(sealed).not.toContain('aija');
  });

  it('leaves out what was not given', async () => {
    const result = await sealContact({ phone: '0401234567' }, publicKey);
    expect(result.ok && open(result.sealed)).toEqual({ phone: '0401234567' });
  });

  it('seals the longest details the form takes into at most 1024 characters of base64', async () => {
    const result = await sealContact(
      {
        // Three UTF-8 bytes each, and a quote that JSON doubles.
        name: `"${'€'.repeat(CONTACT_NAME_MAX_LENGTH - 1)}`,
        phone: `+${'9'.repeat(15)}`,
        email: `${'a'.repeat(CONTACT_EMAIL_MAX_LENGTH - 'b@example.fi'.length)}b@example.fi`,
      },
      publicKey,
    );
    expect(result.ok).toBe(true);
    const sealed = result.ok ? result.sealed : '';
    expect(sealed.length).toBeLessThanOrEqual(CONTACT_SEALED_MAX_LENGTH);
    expect(open(sealed)).toMatchObject({ phone: `+${'9'.repeat(15)}` });
  });

  it('refuses what would not fit the Response rather than storing it cut', async () => {
    const email = `${'€'.repeat(CONTACT_EMAIL_MAX_LENGTH - 'b@example.fi'.length)}b@example.fi`;
    const name = '😀'.repeat(CONTACT_NAME_MAX_LENGTH / 2);
    await expect(sealContact({ name, email }, publicKey)).resolves.toEqual({
      ok: false,
      reason: 'too_long',
    });
  });

  it('refuses a key that is not the county’s, and details without phone or e-mail', async () => {
    await expect(sealContact({ phone: '0401234567' }, 'bm90IGEga2V5')).resolves.toEqual({
      ok: false,
      reason: 'no_key',
    });
    await expect(sealContact({ name: 'Aino' }, publicKey)).resolves.toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('says the library is unavailable when it cannot be loaded', async () => {
    const failing = () => Promise.reject(new Error('offline'));
    await expect(sealContact({ phone: '0401234567' }, publicKey, failing)).resolves.toEqual({
      ok: false,
      reason: 'unavailable',
    });
  });
});
