import { z } from 'zod';

/**
 * Contact requests of central-reports.md ("Contact requests from the terminal"): the terminal
 * config's `contact`, the details a patient types (sealed at once on the terminal with the
 * county's public key, libsodium's `crypto_box_seal`), and the shape checks both ends share.
 * Pure: the sealing itself is the renderer's, the opening the server's.
 */

/** At most this many characters of standard base64 in a Response's `contactSealed`. */
export const CONTACT_SEALED_MAX_LENGTH = 1024;
export const DEFAULT_REPLY_WITHIN_DAYS = 7;
/** The X25519 public key's length in bytes. */
export const CONTACT_PUBLIC_KEY_BYTES = 32;
export const CONTACT_NAME_MAX_LENGTH = 100;
export const CONTACT_EMAIL_MAX_LENGTH = 254;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether `text` is standard base64 (RFC 4648 §4, padded, no line breaks). */
export function isStandardBase64(text: string): boolean {
  return text.length > 0 && BASE64.test(text);
}

/** How many bytes standard base64 `text` decodes to (it must be valid). */
export function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** A county's public key: standard base64 of 32 bytes. */
export const ContactPublicKeySchema = z
  .string()
  .refine(
    (key) => isStandardBase64(key) && base64Bytes(key) === CONTACT_PUBLIC_KEY_BYTES,
    'must be the county’s public key: standard base64 of 32 bytes (npm run server -- keys)',
  );

/** The terminal config's `contact`. Enabled needs the key (TerminalConfigSchema checks). */
export const ContactConfigSchema = z.object({
  enabled: z.boolean().default(false),
  publicKey: z.string().max(100).optional(),
  replyWithinDays: z.number().int().min(1).max(60).default(DEFAULT_REPLY_WITHIN_DAYS),
});
export type ContactConfig = z.infer<typeof ContactConfigSchema>;

/** A Response's `contactSealed`: standard base64 of a sealed box, at most 1 KiB of text. */
export const ContactSealedSchema = z
  .string()
  .max(CONTACT_SEALED_MAX_LENGTH, `at most ${CONTACT_SEALED_MAX_LENGTH} characters`)
  .refine(isStandardBase64, 'must be standard base64 of a sealed box');

/** Spaces, hyphens, dots and brackets people write into numbers; the digits are what count. */
const PHONE_SEPARATORS = /[\s\-.()/]/g;

/**
 * A phone number in a shape that can be called, or undefined: a Finnish number written from 0
 * (`040 123 4567`, `09 123 4567`; 7–12 digits) or an international one from + or 00 (E.164: a
 * country code and 7–15 digits in all). Returned as written but without separators.
 */
export function normalPhone(text: string): string | undefined {
  const compact = text.trim().replace(PHONE_SEPARATORS, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) {
    return compact;
  }
  if (/^00[1-9]\d{6,14}$/.test(compact)) {
    return `+${compact.slice(2)}`;
  }
  if (/^0[1-9]\d{5,10}$/.test(compact)) {
    return compact;
  }
  return undefined;
}

/** An e-mail address in the shape of one (a local part, @, a domain with a dot), or undefined. */
export function normalEmail(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > CONTACT_EMAIL_MAX_LENGTH) {
    return undefined;
  }
  return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"_]+\.[A-Za-z]{2,}$/.test(trimmed) &&
    !trimmed.includes('..')
    ? trimmed
    : undefined;
}

/** What is sealed: UTF-8 JSON of this, at least one of phone and e-mail. */
export const ContactDetailsSchema = z
  .object({
    name: z.string().trim().min(1).max(CONTACT_NAME_MAX_LENGTH).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(CONTACT_EMAIL_MAX_LENGTH).optional(),
  })
  .superRefine((details, ctx) => {
    if (details.phone === undefined && details.email === undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'a phone number or an e-mail' });
    }
    if (details.phone !== undefined && normalPhone(details.phone) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'not a phone number' });
    }
    if (details.email !== undefined && normalEmail(details.email) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'not an e-mail address' });
    }
  });
export type ContactDetails = z.infer<typeof ContactDetailsSchema>;
