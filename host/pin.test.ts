import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_COST, hashPin, isWellFormedPin, verifyPin } from './pin';

async function hashOf(pin: string): Promise<string> {
  const hashed = await hashPin(pin);
  if (!hashed.ok) {
    throw new Error(`${pin} was refused`);
  }
  return hashed.pinHash;
}

describe('the technician PIN', () => {
  it('is stored as a salted scrypt hash with its parameters, never as itself', async () => {
    const pinHash = await hashOf('482913');
    const { N, r, p } = DEFAULT_PIN_COST;
    expect(pinHash).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(pinHash).not.toContain('482913');
  });

  it('hashes the same PIN differently each time', async () => {
    expect(await hashOf('1234')).not.toBe(await hashOf('1234'));
  });

  it('opens with the right PIN and not with a wrong one', async () => {
    const pinHash = await hashOf('482913');
    expect(await verifyPin('482913', pinHash)).toBe(true);
    expect(await verifyPin('482914', pinHash)).toBe(false);
    expect(await verifyPin('48291', pinHash)).toBe(false);
  });

  it('still verifies hashes made with other parameters', async () => {
    const cheap = await hashPin('2468', { N: 1024, r: 8, p: 1 });
    expect(cheap.ok && cheap.pinHash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(cheap.ok && (await verifyPin('2468', cheap.pinHash))).toBe(true);
  });

  it.each(['123', '123456789', '12a4', ' 1234', '١٢٣٤', '', '1234\n'])(
    'refuses %j: a PIN is 4 to 8 digits',
    async (pin) => {
      expect(isWellFormedPin(pin)).toBe(false);
      expect(await hashPin(pin)).toEqual({ ok: false, reason: 'pin_malformed' });
    },
  );

  it('accepts 4 and 8 digits, leading zeros included', async () => {
    expect(isWellFormedPin('0000')).toBe(true);
    expect(isWellFormedPin('01234567')).toBe(true);
    expect((await hashPin('0000')).ok).toBe(true);
  });

  it.each([
    ['an empty hash', ''],
    ['another scheme', 'bcrypt$10$abc'],
    [
      'a cost that would stall the kiosk',
      'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    [
      'a cost that is not a power of two',
      'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    ['a truncated hash', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaA'],
    ['too many parts', 'scrypt$16384$8$1$c2FsdA$aGFzaA$x'],
  ])('never opens with %s', async (_name, pinHash) => {
    expect(await verifyPin('1234', pinHash)).toBe(false);
  });
});
