import { describe, expect, it } from 'vitest';
import { checkContact, EMPTY_CONTACT } from './contact-form';

describe('checking the contact form', () => {
  it.each([
    ['a Finnish mobile number', { phone: '040 123 4567' }, { phone: '0401234567' }],
    ['a Helsinki landline', { phone: '09 123 4567' }, { phone: '091234567' }],
    ['an international number', { phone: '+46 70 123 45 67' }, { phone: '+46701234567' }],
    ['a number from 00', { phone: '00358 40 123 4567' }, { phone: '+358401234567' }],
    ['an e-mail address', { email: ' aino@example.fi ' }, { email: 'aino@example.fi' }],
    [
      'a name with both',
      { name: ' Aino Ä. ', phone: '0401234567', email: 'a@b.fi' },
      { name: 'Aino Ä.', phone: '0401234567', email: 'a@b.fi' },
    ],
  ])('takes %s, normalised', (_name, typed, details) => {
    expect(checkContact({ ...EMPTY_CONTACT, ...typed })).toEqual({ ok: true, details });
  });

  it.each([
    ['nothing', {}, ['missing']],
    ['only a name', { name: 'Aino' }, ['missing']],
    ['a number too short', { phone: '12345' }, ['phone']],
    ['letters for a number', { phone: '040 ABC' }, ['phone']],
    ['an address without a domain', { email: 'aino@' }, ['email']],
    ['both wrong', { phone: '+0', email: 'aino.example.fi' }, ['phone', 'email']],
    ['a good number and a wrong address', { phone: '0401234567', email: 'x@y' }, ['email']],
  ])('refuses %s, naming the field', (_name, typed, problems) => {
    expect(checkContact({ ...EMPTY_CONTACT, ...typed })).toEqual({ ok: false, problems });
  });

  it('drops control characters from a name', () => {
    expect(checkContact({ name: 'Ai\u0000no', phone: '0401234567', email: '' })).toEqual({
      ok: true,
      details: { name: 'Aino', phone: '0401234567' },
    });
  });
});
