/**
 * An HTTP answer's body as text, or null when it is larger than `maxBytes`. Read as a stream and
 * cancelled at the cap, so a hostile server cannot make its caller buffer an endless body.
 * Decoded as Response.text() does: UTF-8, a byte-order mark dropped.
 */
export async function readCapped(
  response: globalThis.Response,
  maxBytes: number,
): Promise<string | null> {
  if (!response.body) {
    return '';
  }
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return null;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return text + decoder.decode();
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
