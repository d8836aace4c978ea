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

/**
 * The globals of each room. ESLint's `no-undef` is off for TypeScript (the compiler checks names)
 * and the one tsconfig gives every file both Node's and the DOM's types, so each room lists the
 * platform globals it must not touch: core/ none at all (plain ES: it runs on every side),
 * renderer/ nothing of Node, the Node rooms nothing of the browser.
 */
const latestEs = Object.keys(globals)
  .filter((name) => /^es\d{4}$/.test(name))
  .sort()
  .at(-1);
const esNames = new Set(Object.keys(globals[latestEs]));
const platformNames = (set) => Object.keys(set).filter((name) => !esNames.has(name));
const nodeNames = platformNames(globals.node);
const browserNames = platformNames(globals.browser);
const nodeOnlyNames = nodeNames.filter((name) => !(name in globals.browser));
const browserOnlyNames = browserNames.filter((name) => !(name in globals.node));

function roomGlobals(forbidden, message) {
  return {
    'no-restricted-globals': [
      'error',
      ...[...new Set(forbidden)].map((name) => ({ name, message })),
    ],
  };
}

const coreGlobals = roomGlobals(
  [...nodeNames, ...browserNames],
  'core/ is plain ES and runs on every side: take time, I/O and the environment as arguments (DESIGN.md).',
);
const rendererGlobals = roomGlobals(
  nodeOnlyNames,
  'The renderer is a web page: no Node globals; ask the host through the Bridge (DESIGN.md).',
);
const nodeRoomGlobals = roomGlobals(
  browserOnlyNames,
  'This room runs in Node: there is no window, document or other browser global here (DESIGN.md).',
);

/** The arrows of DESIGN.md: which room may import which. */
function rooms(forbidden, message) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  };
}

/** The rooms the dashboard must not import: it has core/ and its own files (DESIGN.md). */
const dashboardRooms = {
  group: [
    '**/renderer/**',
    '**/server/**',
    '**/host/**',
    '**/node/**',
    '**/hardware/**',
    '**/electron/**',
    '**/build/**',
    '**/test/**',
    '**/bench/**',
  ],
  message: 'The dashboard imports only core/ and its own files (DESIGN.md).',
};

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
      // No platform globals by default: each room below names its own.
      globals: {},
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
      ...rendererGlobals,
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      ...rooms(
        [
          ...nodeBuiltins,
          'electron',
          'serialport',
          '@serialport/*',
          '**/host/**',
          '**/node/**',
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
    // The county's dashboard: a web page served by the server, talking to it over HTTP.
    files: ['dashboard/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...roomGlobals(
        nodeOnlyNames,
        'The dashboard is a web page: no Node globals; it asks the server over HTTP (DESIGN.md).',
      ),
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dashboardRooms,
            {
              // Packages: what a React page over i18next needs, and ECharts by its tree-shaken parts.
              regex:
                '^(?![./]|react$|react/|react-dom$|react-dom/|i18next$|react-i18next$|zod$|zod/|echarts/(core|charts|components|renderers)$)',
              message:
                'The dashboard may import core/, its own files, react, react-dom, i18next, react-i18next, zod and ECharts by echarts/core, echarts/charts, echarts/components and echarts/renderers (never all of echarts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the test tools too; the rooms stay closed to them.
    files: ['dashboard/**/*.test.{ts,tsx}', 'dashboard/test-support.tsx'],
    rules: {
      'i18next/no-literal-string': 'off',
      'no-restricted-imports': ['error', { patterns: [dashboardRooms] }],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: coreGlobals,
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
        '**/node/**',
        '**/hardware/**',
        '**/electron/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'core/ is the pure contract: no I/O, nothing of ours (DESIGN.md).',
    ),
  },
  {
    files: [
      '{host,node,hardware,server,electron,build,bench,test}/**/*.{ts,js,cjs,mjs}',
      '*.{ts,js,cjs,mjs}',
      // core's tests run in vitest on Node; the code they test stays plain ES.
      'core/**/*.test.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
    rules: nodeRoomGlobals,
  },
  {
    // These drive Chromium: the functions they hand to `page.evaluate` run in the page.
    files: ['test/e2e/**/*.ts', 'test/tools/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-globals': 'off' },
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
    files: ['node/**/*.ts'],
    rules: rooms(
      [
        'electron',
        'react',
        'react-dom',
        'dexie',
        '**/renderer/**',
        '**/electron/**',
        '**/host/**',
        '**/hardware/**',
        '**/server/**',
      ],
      'node/ is what the Node rooms share (the log writer): it depends only on core/ (DESIGN.md).',
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
