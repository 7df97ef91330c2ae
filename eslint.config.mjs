// @ts-check
// ESLint for the whole repository. Besides a small recommended rule set, it checks the import
// rules of the architecture (shared ARCHITECTURE.md, "Import rules") per folder, so that CI fails
// on a violation. test/import-rules.spec.ts proves that each rule fires.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const unusedVars = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
};

// The scripts are plain Node (no `globals` package among our dependencies).
const nodeGlobals = Object.fromEntries(
  ['console', 'process', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((g) => [g, 'readonly']),
);
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'Node',
    'location',
    'history',
    'navigator',
    'sessionStorage',
    'fetch',
    'URL',
    'URLSearchParams',
    'Blob',
    'CustomEvent',
    'HTMLElement',
    'console',
    'setTimeout',
    'clearTimeout',
    'requestAnimationFrame',
  ].map((g) => [g, 'readonly']),
);
const commonJsGlobals = Object.fromEntries(['require', 'module', 'exports', '__dirname', '__filename'].map((g) => [g, 'readonly']));

// ---- import rules ----------------------------------------------------------------------------
// Every rule below is an entry of `@typescript-eslint/no-restricted-imports` (the core rule plus
// `allowTypeImports`). In flat config the last matching block's options replace earlier ones, so a
// block for a sub-folder repeats the restrictions of its parent folder.
const RULE = '@typescript-eslint/no-restricted-imports';
/** one `patterns` entry: `regex` is matched against the import specifier as written */
const forbid = (regex, message, extra = {}) => ({ regex, message, caseSensitive: true, ...extra });
const restrict = (...patterns) => ['error', { patterns }];

const libsNeverImportTheirUsers = [
  forbid(
    '^(\\.\\./)+(apps|workflows|activities)(/|$)',
    'libs/* never import apps/, workflows/ or activities/ (ARCHITECTURE.md, import rules).',
  ),
  forbid('^@app/(workflows|activities)(/|$)', 'libs/* never import workflows/ or activities/ (ARCHITECTURE.md, import rules).'),
];

const domainImportsNothing = forbid(
  '^(?!\\.{1,2}(/|$))',
  'libs/domain is pure TypeScript: no npm package, Node built-in or @app/* alias, only relative imports within libs/domain.',
);
/** One block per folder depth below `root`, for rules about how far a relative import may go up. */
const perDepth = (root, block) =>
  Array.from({ length: 10 }, (_, depth) => ({ files: [`${root}/${'*/'.repeat(depth)}*.ts`], ...block(depth) }));
const up = (levels) => `^(\\.\\./){${levels}}`;

// A file `depth` folders below libs/domain may go up at most `depth` levels (to libs/domain itself).
const domainBlocks = perDepth('libs/domain', (depth) => ({
  rules: {
    [RULE]: restrict(
      domainImportsNothing,
      forbid(up(depth + 1), 'This relative import leaves libs/domain: the domain imports nothing of the project.'),
    ),
  },
}));

// A file `depth` folders below workflows/ reaches the repository root `depth + 1` levels up.
const workflowBlocks = perDepth('workflows', (depth) => ({
  // Specs and their helpers under testing/ are test code: they run in Node, outside the sandbox.
  ignores: ['workflows/**/*.spec.ts', 'workflows/**/testing/**'],
  rules: {
    [RULE]: restrict(
      forbid(
        '^(?!\\.{1,2}(/|$)|@temporalio/(workflow|common)(/|$))',
        'workflows/ import only @temporalio/workflow, @temporalio/common, libs/domain and types from activities/: ' +
          'no NestJS, TypeORM, nodemailer, config, Node built-in or other npm package, and no @app/* alias ' +
          '(the Temporal bundler ignores tsconfig paths: use a relative import).',
      ),
      forbid(
        `${up(depth + 1)}(?!libs/domain/src(/|$)|workflows(/|$)|activities(/|$))`,
        'workflows/ import relatively only within workflows/, from ../libs/domain/src and (types only) from ../activities.',
      ),
      forbid(
        `${up(depth + 1)}activities(/|$)`,
        'workflows/ import only types from activities/ (`import type { … }`): activity code does not run in the workflow sandbox.',
        { allowTypeImports: true },
      ),
      forbid('^\\.{1,2}/(.*/)?testing(/|$)', 'Workflow code never imports the test helpers under testing/.'),
    ),
  },
}));

const activityRules = [
  forbid('^@nestjs/', 'activities/ are plain factories: no NestJS (ARCHITECTURE.md, import rules).'),
  forbid(
    '^(typeorm|nodemailer|docx)(/|$)|^@app/(persistence|mail|channels|documents)(/|$)',
    'activities/ receive their implementations as factory arguments (ports from libs/domain): no TypeORM, nodemailer, channel adapters or their libs.',
  ),
  forbid('^(\\.\\./)+apps(/|$)', 'activities/ never import apps/.'),
];

const apiRules = [
  forbid(
    '^@app/workflows(/(?!messages$)|$)',
    'apps/api starts and signals workflows through the shared definitions in @app/workflows/messages; it never imports workflow implementations.',
  ),
  forbid(
    '^(\\.\\./)+workflows(/(?!messages$)|$)',
    'apps/api imports only @app/workflows/messages from workflows/, never workflow implementations.',
  ),
];

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.tools/', '.data/', 'coverage/', 'test-output/', 'bench-results/'],
  },

  // Plain JavaScript: scripts/*.js, jest.config.js (CommonJS) and this file (ESM).
  {
    files: ['**/*.{js,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
    rules: { 'no-unused-vars': ['error', unusedVars] },
  },
  // The dashboard's browser ES modules (served as they are: no bundler, no framework).
  {
    files: ['apps/api/src/dashboard/assets/**/*.js'],
    languageOptions: { sourceType: 'module', globals: browserGlobals },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: nodeGlobals },
    rules: { 'no-unused-vars': ['error', unusedVars] },
  },

  // TypeScript, type-aware through the project service (every .ts file is in tsconfig.json).
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },

  // Import rules (ARCHITECTURE.md). Order matters: sub-folders after their parents.
  { files: ['libs/**/*.ts'], rules: { [RULE]: restrict(...libsNeverImportTheirUsers) } },
  ...domainBlocks,
  ...workflowBlocks,
  { files: ['activities/**/*.ts'], rules: { [RULE]: restrict(...activityRules) } },
  { files: ['apps/api/**/*.ts'], rules: { [RULE]: restrict(...apiRules) } },
);
