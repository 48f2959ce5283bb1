// Lint, including the process layers of ../shared/STYLE.md as `no-restricted-imports` rules:
// shared/ stands alone, main/ never imports renderer/, renderer/ never imports electron, node or main/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder',
  'timers', 'tls', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const nodeAndElectron = [
  { name: 'electron', message: 'electron belongs in main/ only.' },
  ...NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins belong in main/ only.' })),
];

const layer = (files, paths, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  layer(
    ['shared/**/*.ts'],
    [
      ...nodeAndElectron,
      { name: 'serialport', message: 'shared/ runs in every process: no serialport.' },
      { name: 'chart.js', message: 'shared/ runs in every process: no chart.js.' },
      { name: 'ws', message: 'shared/ runs in every process: no ws.' },
      { name: '@tensorflow/tfjs-backend-wasm', message: 'shared/ imports @tensorflow/tfjs only; the entry chooses the backend.' },
    ],
    [
      { group: ['node:*'], message: 'shared/ runs in every process: no Node built-ins.' },
      { group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'shared/ must not import main/ or renderer/.' },
      { group: ['@serialport/*', 'chart.js/*', 'electron/*'], message: 'shared/ runs in every process.' },
    ],
  ),
  layer(['main/**/*.ts'], [], [{ group: ['**/renderer/**', '../renderer'], message: 'main/ never imports renderer/; use the API in shared/.' }]),
  layer(
    ['renderer/**/*.ts'],
    [...nodeAndElectron, { name: 'serialport', message: 'The page reaches ports through the app API.' }],
    [
      { group: ['node:*'], message: 'The page has no Node: go through the app API.' },
      { group: ['**/main/**', '../main'], message: 'renderer/ never imports main/; use the API in shared/.' },
      { group: ['electron/*', '@serialport/*'], message: 'The page reaches main only through the app API.' },
    ],
  ),
  { files: ['shared/**/*.ts'], languageOptions: { globals: {} } },
  { files: ['main/**/*.ts', 'test/**/*.ts', 'scripts/**', 'bin/**', '*.config.*'], languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/**/*.ts'], languageOptions: { globals: { ...globals.browser, ...globals.worker } } },
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['scripts/**', 'test/**', 'bin/**', 'main/cli/**'], rules: { 'no-console': 'off' } },
);
