import { describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  isAllowedHost,
  isAllowedOrigin,
  kioskOrigin,
  offeredProtocols,
} from './http-security';

describe('which Host headers reach the kiosk', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:4000', true],
    ['LOCALHOST:4000', true],
    ['127.0.0.1', false],
    ['127.0.0.1:4001', false],
    ['evil.example:4000', false],
    ['127.0.0.1.evil.example:4000', false],
    ['[::1]:4000', false],
    [undefined, false],
  ])('Host %s is allowed: %s', (host, allowed) => {
    expect(isAllowedHost(host, 4000)).toBe(allowed);
  });
});

describe('which Origin may open the bridge', () => {
  it.each([
    ['http://127.0.0.1:4000', true],
    ['http://localhost:4000', false],
    ['https://127.0.0.1:4000', false],
    ['http://127.0.0.1:4000/', false],
    ['null', false],
    [undefined, false],
  ])('Origin %s is allowed: %s', (origin, allowed) => {
    expect(isAllowedOrigin(origin, 4000)).toBe(allowed);
  });

  it('the kiosk origin is the loopback address and the port', () => {
    expect(kioskOrigin(4000)).toBe('http://127.0.0.1:4000');
  });
});

describe('offered subprotocols', () => {
  it('splits the header on commas and drops blanks', () => {
    expect(offeredProtocols('hymy-bridge.v1, hymy-key.abc,,')).toEqual([
      'hymy-bridge.v1',
      'hymy-key.abc',
    ]);
    expect(offeredProtocols(undefined)).toEqual([]);
  });
});

describe('content types', () => {
  it.each([
    ['.html', 'text/html; charset=utf-8'],
    ['.JS', 'text/javascript; charset=utf-8'],
    ['.woff2', 'font/woff2'],
    ['.svg', 'image/svg+xml'],
    ['', 'application/octet-stream'],
    ['.exe', 'application/octet-stream'],
  ])('%s is served as %s', (extension, type) => {
    expect(contentTypeFor(extension)).toBe(type);
  });
});
