import { describe, expect, it } from 'vitest';
import { WireFromHostSchema, WireFromPageSchema } from './bridge-wire';

describe('the bridge wire format', () => {
  it('reads answers, refusals and events from the host', () => {
    expect(WireFromHostSchema.parse({ t: 'result', id: 1, ok: true, value: null })).toMatchObject({
      ok: true,
    });
    expect(
      WireFromHostSchema.parse({
        t: 'result',
        id: 2,
        ok: false,
        error: { code: 'bad_args', message: 'x' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_args' } });
    expect(
      WireFromHostSchema.parse({ t: 'event', name: 'button:press', payload: {} }),
    ).toMatchObject({
      t: 'event',
    });
  });

  it('refuses a refusal without its error, and unknown message kinds', () => {
    expect(WireFromHostSchema.safeParse({ t: 'result', id: 2, ok: false }).success).toBe(false);
    expect(WireFromHostSchema.safeParse({ t: 'hello' }).success).toBe(false);
  });

  it('reads calls from the page', () => {
    expect(
      WireFromPageSchema.parse({ t: 'call', id: 0, name: 'config:get', args: null }).name,
    ).toBe('config:get');
    expect(WireFromPageSchema.safeParse({ t: 'call', id: -1, name: 'x', args: null }).success).toBe(
      false,
    );
  });
});
