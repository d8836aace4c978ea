import { describe, expect, it } from 'vitest';
import en from '../../../locales/en/service.json';
import fi from '../../../locales/fi/service.json';
import sv from '../../../locales/sv/service.json';
import { LIGHT_REASONS } from './status-lights';

function keys(node: unknown, prefix = ''): string[] {
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, child]) =>
      keys(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

describe('the service screens’ words', () => {
  it('have the same keys in Finnish, Swedish and English', () => {
    const finnish = keys(fi).sort();
    expect(keys(sv).sort()).toEqual(finnish);
    expect(keys(en).sort()).toEqual(finnish);
    expect(finnish.length).toBeGreaterThan(100);
  });

  it('name every reason a light can give, every export failure and every sync state', () => {
    for (const words of [fi, sv, en]) {
      expect(Object.keys(words.reason).sort()).toEqual([...LIGHT_REASONS].sort());
      expect(Object.keys(words.export.failure).sort()).toEqual(
        [
          'disk_full',
          'no_answer',
          'not_a_directory',
          'not_writable',
          'session_closed',
          'store_failed',
          'unknown_export',
          'write_failed',
        ].sort(),
      );
      expect(Object.keys(words.syncState).sort()).toEqual(
        ['idle', 'not_enrolled', 'stopped', 'syncing', 'waiting'].sort(),
      );
    }
  });
});
