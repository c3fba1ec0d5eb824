// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tsbuild/**',
      '.cache/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.work/**',
      'patches/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Process boundaries, enforced by lint as well as by per-folder tsconfig libs.
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['node:*', 'electron', '@whiskeysockets/*', 'react', 'better-sqlite3', 'ws', 'pino'],
      'shared/ is pure TypeScript.',
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/whatsapp/**'],
    rules: restrict(
      ['electron', '@whiskeysockets/*', 'react', 'react-dom', '../../renderer/*'],
      'Only electron/core/whatsapp imports Baileys; the core never imports electron.',
    ),
  },
  {
    files: ['electron/core/whatsapp/**/*.ts'],
    rules: restrict(['electron', 'react', 'react-dom'], 'The core never imports electron.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          'node:*',
          'electron',
          '@whiskeysockets/*',
          'better-sqlite3',
          'ws',
          'pino',
          '../electron/*',
          '../../electron/*',
        ],
        'The renderer talks only through the bridge.',
      ),
    },
  },
  prettier,
);
