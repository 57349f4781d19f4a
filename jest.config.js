// Jest loads the ESM-only @nestjs/* 12 packages through @swc/jest (see ARCHITECTURE.md).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|load-esm|file-type|es-toolkit|js-yaml|@standard-schema|token-types|strtok3|@tokenizer|uint8array-extras|@borewit|content-disposition|cookie|@scure|@noble|@otplib)/)',
  ],
  moduleNameMapper: {
    '^@accord/core/(.*)$': '<rootDir>/libs/core/$1',
    '^@accord/([a-z-]+)$': '<rootDir>/libs/$1/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  globalSetup: '<rootDir>/libs/testing/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest-int.setup.ts'],
    },
    // Real processes (dist/), private PostgreSQL and Redis, faults injected: npm run test:faults.
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/jest-int.setup.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/**/*.browser-spec.ts'], setupFilesAfterEnv: ['<rootDir>/libs/testing/jest-browser.setup.ts'] },
  ],
};
