import { z } from 'zod';

/**
 * The Bridge carried over a WebSocket (the browser host). The page authenticates during the
 * handshake: it offers two subprotocols, `hymy-bridge.v1` and `hymy-key.<secret>`, where the
 * secret is the per-launch key the host put in the page URL's fragment. The host accepts only
 * `hymy-bridge.v1` and only when the key matches and the Origin is its own.
 */
export const WIRE_PROTOCOL = 'hymy-bridge.v1';
export const WIRE_KEY_PREFIX = 'hymy-key.';
export const WIRE_PATH = '/bridge';

/** Close codes the host uses; the page shows "connecting" and retries on any of them. */
export const WIRE_CLOSE = { replaced: 4001, badMessage: 4002, shuttingDown: 4003 } as const;

export const WireFromPageSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  args: z.unknown(),
});
export type WireFromPage = z.infer<typeof WireFromPageSchema>;

const WireResultSchema = z.discriminatedUnion('ok', [
  z.object({
    t: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    t: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);

export const WireFromHostSchema = z.union([
  WireResultSchema,
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WireFromHost = z.infer<typeof WireFromHostSchema>;
