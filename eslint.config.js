import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'test-results', 'playwright-report', 'fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Which folder may import which (renderer → common/catalogue, no Node, no Electron outside electron/, no
  // cycles): dependency-cruiser, .dependency-cruiser.cjs (`npm run lint:boundaries`).
  // Type-aware rules (typed linting through the TypeScript project service) for all production folders and their
  // tests: no promise dropped on the floor, none handed to a callback that ignores it. An intentional
  // fire-and-forget is written `void p` (with its own .catch, e.g. host/log's `swallowed`, when it may fail).
  {
    files: ['{common,catalogue,host,native,electron}/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // The Node side logs through host/log (JSON, personal data redacted), never console.*.
  {
    files: ['host/**/*.ts', 'native/**/*.ts', 'electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
