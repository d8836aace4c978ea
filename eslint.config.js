import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'net',
  'crypto',
  'url',
];

/** The arrows of DESIGN.md: which room may import which. */
function rooms(forbidden, message) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'docs/**',
      'hardware/firmware/**',
      'bench/results/**',
      'release/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      curly: ['error', 'all'],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      ...rooms(
        [
          ...nodeBuiltins,
          'electron',
          'serialport',
          '@serialport/*',
          '**/host/**',
          '**/hardware/**',
          '**/electron/**',
          '**/server/**',
        ],
        'The renderer talks to its host only through the Bridge of core/ (DESIGN.md).',
      ),
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/test-setup.ts'],
    rules: { 'i18next/no-literal-string': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: rooms(
      [
        ...nodeBuiltins,
        'electron',
        'serialport',
        'react',
        'dexie',
        '**/host/**',
        '**/hardware/**',
        '**/electron/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'core/ is the pure contract: no I/O, nothing of ours (DESIGN.md).',
    ),
  },
  {
    files: ['host/**/*.ts', 'hardware/**/*.ts'],
    rules: rooms(
      [
        'electron',
        'react',
        'react-dom',
        'dexie',
        '**/renderer/**',
        '**/electron/**',
        '**/server/**',
      ],
      'The host and hardware run in plain Node: no Electron, no React (DESIGN.md).',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: rooms(
      ['react', 'react-dom', 'dexie', '**/renderer/**', '**/server/**'],
      'The Electron shell wires host services to the window; the UI stays in renderer/ (DESIGN.md).',
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: rooms(
      ['electron', 'react', '**/renderer/**', '**/electron/**', '**/host/**', '**/hardware/**'],
      'The server depends only on core/ (DESIGN.md).',
    ),
  },
  {
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts', 'build/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
