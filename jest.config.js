// Three projects: pure unit specs next to the code, workflow specs on the real Temporal test
// servers, and end-to-end specs under test/ against the real running service.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@app/(domain|config|persistence|temporal|mail|documents|channels)$': '<rootDir>/libs/$1/src',
  '^@app/activities$': '<rootDir>/activities',
  '^@app/persistence/testing$': '<rootDir>/libs/persistence/src/testing',
  '^@app/domain/testing$': '<rootDir>/libs/domain/src/testing',
  '^@app/documents/testing$': '<rootDir>/libs/documents/src/testing',
  '^@app/workflows/(.*)$': '<rootDir>/workflows/$1',
};
// NestJS 12 ships its packages as pure ES modules. Node >= 20.19 loads them with require(esm), but
// Jest's module sandbox only does from Node 24.9, so the tests compile them to CommonJS like our own code.
const nestToCommonJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.ts$': swc, '/node_modules/@nestjs/.+\\.js$': nestToCommonJs },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,activities}/**/*.spec.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/workflows/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.spec.ts'] },
  ],
};
