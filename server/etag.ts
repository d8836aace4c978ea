import { createHash } from 'node:crypto';

/**
 * HTTP validators for what the server serves as text: a terminal's config and the public page.
 * A strong ETag is the text's SHA-256, so the same bytes always carry the same tag.
 */

/** `"…"`: the first `chars` base64url characters of the text's SHA-256. */
export function strongEtag(text: string, chars: number): string {
  return `"${createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, chars)}"`;
}

/** True when `If-None-Match` names this ETag (weak or strong, RFC 9110 §13.1.2) or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
