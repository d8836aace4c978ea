import { constants } from 'node:fs';
import { open, stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';
import { z } from 'zod';
import { CONTACT_PUBLIC_KEY_BYTES } from '../core/contact';

/**
 * The county's contact key pair (central-reports.md, "Contact requests from the terminal"):
 * terminals seal a patient's contact details with the public key; only this server, holding the
 * private key, opens them. The private key lives in one file readable by its owner only and
 * never goes into the database, an answer or a log.
 *
 * File format (`DIR/contact-key`, or `--contact-key FILE`), one JSON object:
 *   {"format": "hymy-contact-key/1", "publicKey": "<base64>", "privateKey": "<base64>"}
 * both keys standard base64 of 32 bytes (X25519, libsodium's crypto_box_keypair); the public key
 * must be the private key's, so a file pieced together from two pairs is refused.
 */

export const CONTACT_KEY_FILE = 'contact-key';
export const CONTACT_KEY_FORMAT = 'hymy-contact-key/1';

/** The loaded pair; `publicKeyBase64` is what terminal configs carry. */
export type ContactKey = {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  publicKeyBase64: string;
};

const KeyFileSchema = z.strictObject({
  format: z.literal(CONTACT_KEY_FORMAT),
  publicKey: z.string(),
  privateKey: z.string(),
});

/** A refused key file: the server must not start (exit 2). The message names the file only. */
export class ContactKeyError extends Error {
  readonly code = 'CONTACT_KEY_INVALID';
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
}

/** Where the key is read from: the file given, else DIR/contact-key. */
export function contactKeyPath(dataDir: string, file: string | undefined): string {
  return file ?? join(dataDir, CONTACT_KEY_FILE);
}

/**
 * Makes a new pair and writes it to `file` (mode 0600), never over an existing key: the sealed
 * contacts stored would become unreadable. Returns the public key in standard base64.
 */
export async function writeNewContactKey(
  file: string,
): Promise<{ ok: true; publicKeyBase64: string } | { ok: false; problem: string }> {
  await sodium.ready;
  const pair = sodium.crypto_box_keypair();
  const text = `${JSON.stringify({
    format: CONTACT_KEY_FORMAT,
    publicKey: toBase64(pair.publicKey),
    privateKey: toBase64(pair.privateKey),
  })}\n`;
  let handle;
  try {
    // O_EXCL: refused if anything is already there, even if made a moment ago by another run.
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return {
        ok: false,
        problem:
          `${file} already exists; it is not replaced, since the contact requests sealed with ` +
          'its public key could no longer be opened. Move it away first if a new pair is meant.',
      };
    }
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    // The umask cannot widen it, but a mode given to open() can be narrowed by it: set it exactly.
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
  return { ok: true, publicKeyBase64: toBase64(pair.publicKey) };
}

/**
 * Reads the key at start: `required` (a file named on the command line) must exist; DIR's is
 * optional. Refused (ContactKeyError) when it is readable by anyone but its owner, or malformed.
 */
export async function loadContactKey(
  file: string,
  required: boolean,
): Promise<ContactKey | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) {
      return undefined;
    }
    throw new ContactKeyError(`the contact key ${file} cannot be read (${errnoOf(error)})`);
  }
  if (!info.isFile()) {
    throw new ContactKeyError(`the contact key ${file} is not a file`);
  }
  if ((info.mode & 0o077) !== 0) {
    throw new ContactKeyError(
      `the contact key ${file} may be read by others (mode ${(info.mode & 0o777).toString(8)}); ` +
        `chmod 600 ${file}`,
    );
  }
  let parsed;
  try {
    parsed = KeyFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if (error instanceof SyntaxError) {
      parsed = undefined;
    } else {
      throw new ContactKeyError(`the contact key ${file} cannot be read (${errnoOf(error)})`);
    }
  }
  const malformed = new ContactKeyError(
    `the contact key ${file} is not a key file of npm run server -- keys (${CONTACT_KEY_FORMAT})`,
  );
  if (parsed === undefined || !parsed.success) {
    throw malformed;
  }
  await sodium.ready;
  const publicKey = fromBase64(parsed.data.publicKey);
  const privateKey = fromBase64(parsed.data.privateKey);
  if (
    publicKey?.length !== CONTACT_PUBLIC_KEY_BYTES ||
    privateKey?.length !== sodium.crypto_box_SECRETKEYBYTES ||
    toBase64(sodium.crypto_scalarmult_base(privateKey)) !== toBase64(publicKey)
  ) {
    throw malformed;
  }
  return { publicKey, privateKey, publicKeyBase64: toBase64(publicKey) };
}

/**
 * A config's `contact` with the server's public key filled in where contact is enabled and no
 * key was given; unchanged otherwise (the config schema then refuses it, naming contact.publicKey).
 */
export function withServerContactKey<T extends { contact?: ContactLike | undefined }>(
  config: T,
  key: ContactKey | undefined,
): T {
  const contact = config.contact;
  if (key === undefined || contact?.enabled !== true || contact.publicKey !== undefined) {
    return config;
  }
  return { ...config, contact: { ...contact, publicKey: key.publicKeyBase64 } };
}

type ContactLike = { enabled?: boolean | undefined; publicKey?: string | undefined };

/**
 * Opens a sealed contact: the UTF-8 text sealed, or undefined when the box does not open with
 * this key (another county's key, a damaged text). Never logs what it opened.
 */
export async function openSealed(key: ContactKey, sealed: string): Promise<string | undefined> {
  await sodium.ready;
  const cipher = fromBase64(sealed);
  if (cipher === undefined) {
    return undefined;
  }
  try {
    return sodium.to_string(sodium.crypto_box_seal_open(cipher, key.publicKey, key.privateKey));
  } catch {
    return undefined;
  }
}

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown';
}
