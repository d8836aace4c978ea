import { describe, expect, it } from 'vitest';
import { createLogger, errorCode } from './log';

describe('the host log', () => {
  const now = () => new Date('2026-01-02T03:04:05.000Z');

  it('writes one JSON object a line, ts, level and event first', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), now });
    logger.warn('bridge_refused', { reason: 'bad_key' });
    expect(lines).toEqual([
      '{"ts":"2026-01-02T03:04:05.000Z","level":"warn","event":"bridge_refused","reason":"bad_key"}\n',
    ]);
  });

  it('a field cannot overwrite the event or the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), now });
    logger.info('real', { event: 'fake', level: 'error' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ event: 'real', level: 'info' });
  });

  it('drops lines below its level and carries fields given with()', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line), now, level: 'info' });
    logger.debug('noise');
    logger.with({ room: 'services' }).info('config_demo');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      { ts: '2026-01-02T03:04:05.000Z', level: 'info', event: 'config_demo', room: 'services' },
    ]);
  });

  it('an error becomes a stable code, never a message or a stack', () => {
    expect(errorCode(Object.assign(new Error('open /x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new TypeError('x'))).toBe('TypeError');
    expect(errorCode('a string')).toBe('non_error_thrown');
  });
});
