import { describe, expect, it } from 'vitest';
import { arrayLiteral, columnLiterals } from './pg-array';

/** The array literals PostgreSQL's INSERTs take; the server suite on PostgreSQL reads them back. */
describe('a PostgreSQL array literal', () => {
  it('quotes every string, escapes only quotes and backslashes, and writes NULL bare', () => {
    expect(arrayLiteral(['a', 'b,c', '{x}', 'NULL', '', 'Åbo ❤'])).toBe(
      '{"a","b,c","{x}","NULL","","Åbo ❤"}',
    );
    expect(arrayLiteral(['say "hi"', 'C:\\dir\\', '\\"'])).toBe(
      '{"say \\"hi\\"","C:\\\\dir\\\\","\\\\\\""}',
    );
    expect(arrayLiteral([null, 'x', null])).toBe('{NULL,"x",NULL}');
  });

  it('writes numbers as they are, and refuses what is not one', () => {
    expect(arrayLiteral([0, -3, 1_733_011_200_000])).toBe('{0,-3,1733011200000}');
    expect(arrayLiteral([])).toBe('{}');
    expect(() => arrayLiteral([Number.NaN])).toThrow(/not a number/);
  });

  it('turns rows into one literal per column, a missing value as NULL', () => {
    expect(columnLiterals([['a', 1], ['b', null], ['c']], 2)).toEqual([
      '{"a","b","c"}',
      '{1,NULL,NULL}',
    ]);
    expect(columnLiterals([], 2)).toEqual(['{}', '{}']);
  });
});
