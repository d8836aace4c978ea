/**
 * Personal data taken out of a free-text comment on the terminal, before it is ever written:
 * Finnish personal identity codes, phone numbers and e-mail addresses become a placeholder in
 * the UI's language. Pure and linear in the text's length (no pattern here can backtrack
 * catastrophically), so it can run on every keystroke of a 500-character comment.
 *
 * The rules lean towards removing too much: a comment that loses a harmless number is a small
 * loss, one that keeps a person's identity code is a breach.
 */

/** The placeholder for each of our locales; another language passes its own. */
export const REDACTION_PLACEHOLDERS = {
  fi: '[poistettu]',
  sv: '[borttaget]',
  en: '[removed]',
} as const satisfies Record<string, string>;

export type RedactionResult = { text: string; removed: number };

/**
 * A personal identity code: DDMMYY, the century sign (`+` 1800s; `-` Y X W V U 1900s; A B C D E
 * F 2000s, the letters added in 2023), the individual number and one check character, in any
 * case. A `-` or `+` sign may have a space either side ("131052 - 308T").
 *
 * Anything of that shape is removed, without checking the date or the check character: a code
 * with a typo is still one person's code, and temporary codes (individual number 900–999) are
 * personal data too. Not bounded either side ("1131052-308Tx" keeps "1" and "x"), so that two
 * codes written together both go in one pass.
 */
const IDENTITY_CODE = /\d{6}(?:\s?[-+]\s?|[a-fu-y])\d{3}[0-9a-z]/giu;

/**
 * An e-mail address: the local part may hold letters of any alphabet (ä, ö, å), digits, dots,
 * plus signs, `_`, `%` and `-`; the domain has one or more labels and a letter-only top level.
 * The `(at)` and `[at]` spellings that Finnish public-sector pages use count as `@`. The local
 * part is at most 64 characters (as in RFC 5321), which keeps the search linear without a
 * lookbehind; a lookbehind would hide an address written straight after another one.
 */
const EMAIL =
  /[\p{L}\p{N}._%+-]{1,64}\s?(?:@|\(at\)|\[at\])\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

/**
 * Something that may be a phone number: it starts with `+`, `(+`, `0` or `(0`, and goes on in
 * digits with at most one `)`, one space, dot or dash and one `(` between two digits. Each step
 * takes exactly one digit, so the pattern cannot backtrack more than the run is long. A run of
 * digits with no separators at all is also a candidate, whatever its first digit.
 */
const PHONE_CANDIDATE = /(?:\(?\+|(?<!\p{N})\(?(?=0))\d(?:\)?[ .-]?\(?\d)*|(?<!\p{N})\d{7,}/gu;

const MIN_PHONE_DIGITS = 7;

/**
 * Whether a candidate is a phone number rather than ordinary text. Seven or more digits (no
 * upper bound: two numbers written one after the other, or a card number, go too), except a
 * date or a time range written with dots ("01.02.2024", "klo 08.00-16.00"): groups of one or two
 * digits and years. Numbers that do not start with `+` or `0` never get here with separators,
 * so years, counts and room numbers ("2020-2024", "huone 12", "45 minuuttia") are kept.
 */
function isPhoneNumber(candidate: string): boolean {
  const groups = candidate.match(/\d+/g) ?? [];
  const digits = groups.join('').length;
  if (digits < MIN_PHONE_DIGITS) {
    return false;
  }
  if (candidate.startsWith('+') || candidate.startsWith('(+')) {
    return true;
  }
  const dateOrTime =
    candidate.includes('.') && groups.every((g) => g.length <= 2 || /^(?:19|20)\d\d$/.test(g));
  return !dateOrTime;
}

/**
 * `text` with every identity code, e-mail address and phone number replaced by `placeholder`,
 * and how many were replaced. Redacting the result again changes nothing, as long as the
 * placeholder itself holds no digits and no `@`. Never throws.
 */
export function redactPersonalData(text: string, placeholder: string): RedactionResult {
  let removed = 0;
  const remove = (): string => {
    removed += 1;
    return placeholder;
  };
  // E-mail first (an address may hold a code or digits), then codes before phones: a code
  // that starts with 0 would otherwise lose its first ten characters as a "phone number".
  const redacted = text
    .replace(EMAIL, remove)
    .replace(IDENTITY_CODE, remove)
    .replace(PHONE_CANDIDATE, (candidate) => {
      if (!isPhoneNumber(candidate)) {
        return candidate;
      }
      // "(0401234567)": the closing bracket is not part of the match, so keep the opening one.
      const unclosed = candidate.split('(').length > candidate.split(')').length;
      const keptBracket = candidate.startsWith('(') && unclosed ? '(' : '';
      return keptBracket + remove();
    });
  return { text: redacted, removed };
}
