import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_FILE,
  judge,
  parseAccepted,
  report,
  scan,
  type Finding,
} from './electronegativity';

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    line: 4,
    severity: 'LOW',
    confidence: 'FIRM',
    description: 'One or more CSP directives detected seems to be vulnerable',
    ...overrides,
  };
}

const acceptedCsp = {
  id: 'CSP_GLOBAL_CHECK',
  file: 'renderer/index.html',
  severity: 'LOW' as const,
  reason: 'script-src self is app://kiosk: only our own built files.',
};

describe('the electronegativity gate', () => {
  it('fails on a high finding even if someone listed it as accepted', () => {
    const high = finding({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' });
    const verdict = judge([high], [{ ...acceptedCsp, id: 'CONTEXT_ISOLATION_JS_CHECK' }]);
    expect(verdict.ok).toBe(false);
    expect(verdict.failing).toEqual([high]);
    expect(report(verdict)).toContain('FAIL HIGH CONTEXT_ISOLATION_JS_CHECK');
  });

  it('passes a listed low finding and prints why it was accepted', () => {
    const verdict = judge([finding({})], [acceptedCsp]);
    expect(verdict.ok).toBe(true);
    expect(report(verdict)).toContain(
      `accepted LOW CSP_GLOBAL_CHECK renderer/index.html:4: ${acceptedCsp.reason}`,
    );
  });

  it('fails on a low finding nobody accepted, and names an acceptance that no longer matches', () => {
    const verdict = judge([finding({ file: 'electron/window.ts' })], [acceptedCsp]);
    expect(verdict.ok).toBe(false);
    expect(verdict.stale).toEqual([acceptedCsp]);
  });

  it('refuses an accepted list that holds a medium finding or no reason', () => {
    expect(() =>
      parseAccepted(JSON.stringify({ accepted: [{ ...acceptedCsp, severity: 'MEDIUM' }] })),
    ).toThrow();
    expect(() =>
      parseAccepted(JSON.stringify({ accepted: [{ ...acceptedCsp, reason: '' }] })),
    ).toThrow();
  });

  it('finds no high or medium problem in the Electron shell, offline', async () => {
    const started = Date.now();
    const verdict = judge(await scan(), parseAccepted(readFileSync(ACCEPTED_FILE, 'utf8')));
    console.log(`${report(verdict)}\n(electronegativity took ${Date.now() - started} ms)`);
    expect(verdict.failing).toEqual([]);
    expect(verdict.stale).toEqual([]);
  }, 30_000);
});
