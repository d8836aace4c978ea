import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTION_PLACEHOLDERS, redactPersonalData } from './redaction';

const { fi, sv, en } = REDACTION_PLACEHOLDERS;

// Written out here rather than imported, so the tests do not share a mistake with the code.
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY_SIGNS: Record<number, readonly string[]> = {
  1800: ['+'],
  1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
  2000: ['A', 'B', 'C', 'D', 'E', 'F'],
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function identityCode(date: Date, sign: string, individual: number): string {
  const ddmmyy =
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCFullYear() % 100, 2);
  const zzz = pad(individual, 3);
  return `${ddmmyy}${sign}${zzz}${CHECK_CHARACTERS[Number(ddmmyy + zzz) % 31]}`;
}

const WORDS = [
  ...'hyvä palvelu kiitos odotin minuuttia lääkäri hoitaja ystävällinen jono'.split(' '),
  ...'huone klo vuonna kertaa äiti tänään ei öisin sairaala'.split(' '),
  ...'bra tack väntade länge sjuksköterska vänlig år åtta mottagning'.split(' '),
  ...'good service thank you waited doctor nurse room the was very'.split(' '),
];

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1990, max: 2030 }).map(String) },
);
const punctuated = fc
  .tuple(word, fc.constantFrom('', '', '', ',', '.', '!', '?'))
  .map(([w, p]) => w + p);
const sentence = fc.array(punctuated, { minLength: 0, maxLength: 12 }).map((ws) => ws.join(' '));
/** Ends in a word, never a number: a number written right after a phone is taken with it. */
const sentenceEndingInWord = fc
  .tuple(sentence, fc.constantFrom(...WORDS))
  .map(([s, w]) => (s ? `${w} ${s}` : w));

const validIdentityCode = fc
  .tuple(
    fc.date({
      min: new Date('1800-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 2, max: 999 }),
    fc.nat(),
    fc.boolean(),
  )
  .map(([date, individual, pick, lower]) => {
    const signs = CENTURY_SIGNS[Math.floor(date.getUTCFullYear() / 100) * 100] ?? ['-'];
    const code = identityCode(date, signs[pick % signs.length] ?? '-', individual);
    return lower ? code.toLowerCase() : code;
  });

const digitString = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((d) => d.join(''));
const spaced = (digits: string, sizes: readonly number[], separator: string): string => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) {
    parts.push(digits.slice(at));
  }
  return parts.filter(Boolean).join(separator);
};

const finnishMobile = fc
  .tuple(fc.constantFrom('40', '41', '44', '45', '46', '50'), digitString(7, 7), fc.nat({ max: 8 }))
  .map(([prefix, rest, format]) => {
    const grouped = spaced(rest, [3, 4], ' ');
    return [
      `0${prefix} ${grouped}`,
      `0${prefix}-${grouped}`,
      `0${prefix} ${rest}`,
      `0${prefix}${rest}`,
      `+358 ${prefix} ${grouped}`,
      `+358${prefix}${rest}`,
      `00358 ${prefix} ${rest}`,
      `+358 (0)${prefix} ${grouped}`,
      `0${prefix}.${spaced(rest, [3, 4], '.')}`,
    ][format] as string;
  });
const finnishLandline = fc
  .tuple(
    fc.constantFrom('9', '2', '3', '13', '14', '17', '19'),
    digitString(5, 8),
    fc.nat({ max: 3 }),
  )
  .map(([area, rest, format]) => {
    const grouped = spaced(rest, [rest.length > 6 ? 3 : 2], ' ');
    return [
      `0${area} ${grouped}`,
      `(0${area}) ${spaced(rest, [4], ' ')}`,
      `0${area}-${rest}`,
      `+358 ${area} ${grouped}`,
    ][format] as string;
  });
const international = fc
  .tuple(fc.integer({ min: 1, max: 999 }), digitString(7, 11), fc.boolean())
  .map(
    ([country, rest, grouped]) => `+${country} ${grouped ? spaced(rest, [2, 3, 2], ' ') : rest}`,
  );
const phoneNumber = fc.oneof(finnishMobile, finnishLandline, international);

const emailLocalChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöå0123456789'.split(''));
const emailLabel = fc
  .array(emailLocalChar, { minLength: 1, maxLength: 10 })
  .map((cs) => cs.join(''));
const emailAddress = fc
  .tuple(
    fc.array(emailLabel, { minLength: 1, maxLength: 3 }),
    fc.option(emailLabel, { nil: undefined }),
    fc.array(emailLabel, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('fi', 'se', 'com', 'org', 'eu', 'net', 'info'),
    fc.boolean(),
  )
  .map(([local, tag, domain, top, upper]) => {
    const address = `${local.join('.')}${tag ? `+${tag}` : ''}@${domain.join('.')}.${top}`;
    return upper ? address.toUpperCase() : address;
  });

/** `secret` in the middle of ordinary text, with the punctuation people put around it. */
function embedded(secret: fc.Arbitrary<string>) {
  return fc.record({
    before: sentence,
    open: fc.constantFrom('', '(', '"', 'puh. ', 'hetu: '),
    secret,
    close: fc.constantFrom('', '.', ',', ')', '!', '"'),
    after: sentenceEndingInWord,
  });
}
const assemble = (
  parts: { before: string; open: string; close: string; after: string },
  middle: string,
): string => `${parts.before} ${parts.open}${middle}${parts.close} ${parts.after}`;

describe('free text with personal data in it', () => {
  it('loses identity codes, phone numbers and addresses in Finnish, Swedish and English', () => {
    expect(
      redactPersonalData('Hetuni on 131052-308T, soita 040 123 4567 tai matti@example.fi.', fi),
    ).toEqual({ text: `Hetuni on ${fi}, soita ${fi} tai ${fi}.`, removed: 3 });
    expect(
      redactPersonalData('Mitt personnummer är 010203A1237 och telefon +46 70 123 45 67.', sv),
    ).toEqual({ text: `Mitt personnummer är ${sv} och telefon ${sv}.`, removed: 2 });
    expect(
      redactPersonalData('Call me on +358401234567 or write to anna.k+palaute@mail.hus.fi', en),
    ).toEqual({ text: `Call me on ${en} or write to ${en}`, removed: 2 });
  });

  it('takes out identity codes with any century sign, in any case, next to punctuation', () => {
    const codes = [
      '131052-308T', // the old sign of the 1900s
      '131052Y308T', // the new ones of 2023
      '010594U2400',
      '010123a123x', // lower case
      '010123F123X',
      '010101+234F', // the 1800s
      '131052 - 308T', // spaced around the sign
      '131052-900T', // a temporary code
      '131052-308A', // a typo in the check character: still somebody's code
    ];
    for (const code of codes) {
      expect(redactPersonalData(`(hetu:${code}).`, fi)).toEqual({
        text: `(hetu:${fi}).`,
        removed: 1,
      });
    }
  });

  it('takes out phone numbers in the forms people write them', () => {
    const phones = [
      '+358 40 123 4567',
      '+358401234567',
      '040-123 4567',
      '040 1234567',
      '09 123 4567',
      '(09) 1234 567',
      '0401234567',
      '00358 40 1234567',
      '+46 70 123 45 67',
      '+358 (0)40 123 4567',
      '040.123.4567',
      '0800 123 456',
    ];
    for (const phone of phones) {
      expect(redactPersonalData(`Puh. ${phone}, kiitos`, fi)).toEqual({
        text: `Puh. ${fi}, kiitos`,
        removed: 1,
      });
    }
    expect(redactPersonalData('soita (0401234567)', fi).text).toBe(`soita (${fi})`);
  });

  it('takes out addresses with dots, plus signs, subdomains and Nordic letters', () => {
    const addresses = [
      'matti.meikalainen@example.fi',
      'anna+palaute@mail.hus.fi',
      'pääkäyttäjä@kunta.fi',
      'Åsa.Öberg@region.se',
      'etunimi.sukunimi(at)hel.fi',
    ];
    for (const address of addresses) {
      expect(redactPersonalData(`<${address}>.`, en)).toEqual({ text: `<${en}>.`, removed: 1 });
    }
  });

  it('keeps the ordinary numbers of a comment', () => {
    const comments = [
      'Odotin 45 minuuttia vuonna 2024, huone 12.',
      'Aika oli klo 14.30 ja pääsin sisään klo 15.05.',
      'Avoinna klo 08.00-16.00, käynti 01.02.2024.',
      'Jag väntade 2 timmar, år 2020-2024 var det bättre.',
      'I waited 3 hours at 9:45 in room 101, 1 000 000 thanks!',
    ];
    for (const comment of comments) {
      expect(redactPersonalData(comment, en)).toEqual({ text: comment, removed: 0 });
    }
  });

  it('stays quick on long text made to make a pattern backtrack', () => {
    const attacks = [
      '0 '.repeat(300),
      '1'.repeat(600),
      '(0'.repeat(300),
      '0-'.repeat(300) + 'x',
      'a.'.repeat(300) + '@',
      'a@' + 'b.'.repeat(300) + '1',
      'a'.repeat(300) + '@' + 'b-'.repeat(300),
      '131052-'.repeat(100),
      '+1 '.repeat(200),
      'ä'.repeat(250) + '(at)' + 'ö.'.repeat(250),
    ];
    for (const attack of attacks) {
      const started = performance.now();
      redactPersonalData(attack, fi);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('always takes out a valid identity code, and none of its digits survive', () => {
    fc.assert(
      fc.property(embedded(validIdentityCode), (parts) => {
        const result = redactPersonalData(assemble(parts, parts.secret), fi);
        expect(result).toEqual({ text: assemble(parts, fi), removed: 1 });
        expect(result.text).not.toContain(parts.secret.slice(0, 6));
      }),
      { numRuns: 2000 },
    );
  });

  it('always takes out a Finnish or international phone number', () => {
    fc.assert(
      fc.property(embedded(phoneNumber), (parts) => {
        expect(redactPersonalData(assemble(parts, parts.secret), sv)).toEqual({
          text: assemble(parts, sv),
          removed: 1,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('always takes out an e-mail address', () => {
    fc.assert(
      fc.property(embedded(emailAddress), (parts) => {
        expect(redactPersonalData(assemble(parts, parts.secret), en)).toEqual({
          text: assemble(parts, en),
          removed: 1,
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('gives ordinary sentences back word for word', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        expect(redactPersonalData(text, fi)).toEqual({ text, removed: 0 });
      }),
      { numRuns: 3000 },
    );
  });

  it('changes nothing more when redacted twice', () => {
    const piece = fc.oneof(sentence, validIdentityCode, phoneNumber, emailAddress);
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.constantFrom(' ', ', ', '. ', ''),
        fc.constantFrom(fi, sv, en),
        (pieces, separator, placeholder) => {
          const once = redactPersonalData(pieces.join(separator), placeholder);
          expect(redactPersonalData(once.text, placeholder)).toEqual({
            text: once.text,
            removed: 0,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
