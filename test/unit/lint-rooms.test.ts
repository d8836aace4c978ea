import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The room globals of eslint.config.js, run on small snippets placed in each room: a Node
 * global in core/ or the renderer, or a browser global in a Node room, fails lint. Only the
 * rooms' `no-restricted-globals` entries are taken (without type information, so it is fast).
 */
// Loaded by URL: the config is plain JavaScript, without types for the compiler to find.
const { default: config } = (await import(
  new URL('../../eslint.config.js', import.meta.url).href
)) as { default: Linter.Config[] };

const roomRules: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  ...config
    .filter((entry) => entry.rules !== undefined && 'no-restricted-globals' in entry.rules)
    .map((entry) => ({
      ...(entry.files ? { files: entry.files } : {}),
      ...(entry.ignores ? { ignores: entry.ignores } : {}),
      rules: { 'no-restricted-globals': entry.rules?.['no-restricted-globals'] ?? 'off' },
    })),
];

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: roomRules });

async function flagged(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint knows the globals of each room', () => {
  it.each([
    ['core/probe.ts', 'export const home = process.env.HOME;', 'process'],
    ['core/probe.ts', 'export const wide = window.innerWidth;', 'window'],
    ['core/probe.ts', 'setTimeout(() => undefined, 1);', 'setTimeout'],
    ['renderer/kiosk/probe.ts', 'export const home = process.env.HOME;', 'process'],
    ['renderer/kiosk/probe.ts', 'export const bytes = Buffer.from("x");', 'Buffer'],
    ['host/probe.ts', 'export const title = document.title;', 'document'],
    ['server/probe.ts', 'export const wide = window.innerWidth;', 'window'],
    ['hardware/probe.ts', 'export const db = indexedDB;', 'indexedDB'],
    ['node/probe.ts', 'export const title = document.title;', 'document'],
  ])('refuses in %s: %s', async (filePath, code, name) => {
    const messages = await flagged(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`no-restricted-globals: Unexpected use of '${name}'`);
  });

  it.each([
    ['core/probe.ts', 'export const now = Date.now() + Math.round(JSON.parse("1"));'],
    ['renderer/kiosk/probe.ts', 'export const here = window.location.href;'],
    ['host/probe.ts', 'export const home = process.env.HOME;'],
    ['host/probe.ts', 'export const later = setTimeout(() => undefined, 1);'],
    ['test/e2e/probe.ts', 'export const both = [process.pid, typeof document];'],
  ])('lets %s use its own globals: %s', async (filePath, code) => {
    expect(await flagged(filePath, code)).toEqual([]);
  });
});
