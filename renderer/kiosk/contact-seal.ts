import type sodiumModule from 'libsodium-wrappers';
import {
  ContactDetailsSchema,
  ContactPublicKeySchema,
  ContactSealedSchema,
  type ContactDetails,
} from '../../core';

/**
 * A contact request sealed on the spot (central-reports.md, "Contact requests from the
 * terminal"): libsodium's sealed box of the UTF-8 JSON `{"name"?, "phone"?, "email"?}` with the
 * county's public key, as standard base64. Only the county's private key opens it; the plain
 * details are never returned, stored or logged from here.
 */

type Sodium = typeof sodiumModule;

/** Why a request could not be sealed; the visit's answers are stored whatever it says. */
export type SealFault = 'no_key' | 'invalid' | 'too_long' | 'unavailable';
export type SealResult = { ok: true; sealed: string } | { ok: false; reason: SealFault };

let loading: Promise<Sodium> | undefined;

/**
 * libsodium, loaded on first use (a dynamic import): its WebAssembly stays out of the kiosk's
 * first paint. A failed load is forgotten, so the next try loads again.
 */
export function loadSodium(): Promise<Sodium> {
  const current = (loading ??= import('libsodium-wrappers').then(async ({ default: sodium }) => {
    await sodium.ready;
    return sodium;
  }));
  void current.catch(() => {
    if (loading === current) {
      loading = undefined;
    }
  });
  return current;
}

/** The JSON that is sealed: only the fields given, in a fixed order. */
function sealedJson(details: ContactDetails): string {
  const { name, phone, email } = details;
  return JSON.stringify({
    ...(name !== undefined && { name }),
    ...(phone !== undefined && { phone }),
    ...(email !== undefined && { email }),
  });
}

/**
 * Seals `details` (already shape-checked: contact-form.ts) for `publicKey`. Keeps the promise
 * that nothing plain leaves: the result is the sealed text or a reason, never the details.
 */
export async function sealContact(
  details: ContactDetails,
  publicKey: string,
  load: () => Promise<Sodium> = loadSodium,
): Promise<SealResult> {
  if (!ContactPublicKeySchema.safeParse(publicKey).success) {
    return { ok: false, reason: 'no_key' };
  }
  const checked = ContactDetailsSchema.safeParse(details);
  if (!checked.success) {
    return { ok: false, reason: 'invalid' };
  }
  let sealed: string;
  try {
    const sodium = await load();
    const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
    // A string is encoded to UTF-8 by libsodium itself (a TextEncoder's array may be of
    // another realm under test, which libsodium does not take).
    const box = sodium.crypto_box_seal(sealedJson(checked.data), key);
    sealed = sodium.to_base64(box, sodium.base64_variants.ORIGINAL);
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  return ContactSealedSchema.safeParse(sealed).success
    ? { ok: true, sealed }
    : { ok: false, reason: 'too_long' };
}
