import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The import rules of the architecture are enforced by eslint.config.mjs (and so by `npm test`).
 * This spec proves that each rule fires on a violation and stays quiet on what is allowed, by
 * linting small snippets as if they were files in the right folders.
 */
const root = path.resolve(__dirname, '..');

interface Case {
  filePath: string;
  code: string;
}
interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
}

/**
 * ESLint loads eslint.config.mjs with a dynamic import(), which Jest's module sandbox refuses
 * (without --experimental-vm-modules), so the ESLint API runs in a child Node process. Type-aware
 * rules are switched off there: the import rules need no type information, and the snippets'
 * paths (which need not exist) are then not required to be part of the TypeScript project.
 */
const LINT_IN_CHILD = `
const path = require('node:path');
const { ESLint } = require('eslint');
const tseslint = require('typescript-eslint');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', async () => {
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: path.join(process.cwd(), 'eslint.config.mjs'),
    overrideConfig: [tseslint.configs.disableTypeChecked],
  });
  const out = [];
  for (const c of JSON.parse(input)) {
    const [result] = await eslint.lintText(c.code, { filePath: path.join(process.cwd(), c.filePath) });
    out.push(result ? result.messages : [{ ruleId: null, severity: 2, message: 'file is ignored', fatal: true }]);
  }
  process.stdout.write(JSON.stringify(out));
});
`;

function lintAll(cases: Case[]): Message[][] {
  const stdout = execFileSync(process.execPath, ['-e', LINT_IN_CHILD], {
    cwd: root,
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Message[][];
}

const RULE = '@typescript-eslint/no-restricted-imports';

const forbidden: [string, Case][] = [
  [
    'a workflow importing typeorm',
    { filePath: 'workflows/x.workflow.ts', code: "import { DataSource } from 'typeorm';\nexport { DataSource };\n" },
  ],
  ['a workflow importing node:fs', { filePath: 'workflows/x.workflow.ts', code: "import * as fs from 'node:fs';\nexport { fs };\n" }],
  [
    'a workflow importing the built-in path',
    { filePath: 'workflows/x.workflow.ts', code: "import * as path from 'path';\nexport { path };\n" },
  ],
  [
    'a workflow importing @nestjs/common',
    { filePath: 'workflows/x.workflow.ts', code: "import { Injectable } from '@nestjs/common';\nexport { Injectable };\n" },
  ],
  [
    'a workflow importing nodemailer',
    { filePath: 'workflows/x.workflow.ts', code: "import * as nodemailer from 'nodemailer';\nexport { nodemailer };\n" },
  ],
  [
    'a workflow importing an @app/* alias',
    { filePath: 'workflows/x.workflow.ts', code: "import { DomainError } from '@app/domain';\nexport { DomainError };\n" },
  ],
  [
    'a workflow importing activity code (not only types)',
    { filePath: 'workflows/x.workflow.ts', code: "import { createActivities } from '../activities';\nexport { createActivities };\n" },
  ],
  [
    'a workflow importing a lib other than the domain',
    { filePath: 'workflows/x.workflow.ts', code: "import { openDatabase } from '../libs/persistence/src';\nexport { openDatabase };\n" },
  ],
  [
    'a workflow importing apps/',
    {
      filePath: 'workflows/x.workflow.ts',
      code: "import { buildActivities } from '../apps/worker/src/worker';\nexport { buildActivities };\n",
    },
  ],
  [
    'a nested workflow file importing apps/',
    {
      filePath: 'workflows/sub/x.ts',
      code: "import { buildActivities } from '../../apps/worker/src/worker';\nexport { buildActivities };\n",
    },
  ],
  [
    'a workflow importing the test helpers',
    { filePath: 'workflows/x.workflow.ts', code: "import { CITY } from './testing/round-harness';\nexport { CITY };\n" },
  ],
  ['libs/domain importing typeorm', { filePath: 'libs/domain/src/x.ts', code: "import { Entity } from 'typeorm';\nexport { Entity };\n" }],
  [
    'libs/domain importing node:crypto',
    { filePath: 'libs/domain/src/sub/x.ts', code: "import { randomUUID } from 'node:crypto';\nexport { randomUUID };\n" },
  ],
  [
    'libs/domain importing an @app/* alias',
    { filePath: 'libs/domain/src/x.ts', code: "import { loadConfig } from '@app/config';\nexport { loadConfig };\n" },
  ],
  [
    'libs/domain importing another lib relatively',
    { filePath: 'libs/domain/src/sub/x.ts', code: "import { loadConfig } from '../../../config/src';\nexport { loadConfig };\n" },
  ],
  [
    'a lib importing ../../workflows/x',
    { filePath: 'libs/persistence/src/x.ts', code: "import { y } from '../../workflows/x';\nexport { y };\n" },
  ],
  [
    'a lib importing workflows/ relatively',
    {
      filePath: 'libs/temporal/src/x.ts',
      code: "import { roundWorkflowId } from '../../../workflows/messages';\nexport { roundWorkflowId };\n",
    },
  ],
  [
    'a lib importing @app/workflows/*',
    {
      filePath: 'libs/temporal/src/x.ts',
      code: "import { roundWorkflowId } from '@app/workflows/messages';\nexport { roundWorkflowId };\n",
    },
  ],
  [
    'a lib importing @app/activities',
    { filePath: 'libs/persistence/src/x.ts', code: "import { createActivities } from '@app/activities';\nexport { createActivities };\n" },
  ],
  ['a lib importing apps/', { filePath: 'libs/config/src/x.ts', code: "import { y } from '../../../apps/api/src/main';\nexport { y };\n" }],
  [
    'the API importing a workflow implementation',
    {
      filePath: 'apps/api/src/x.ts',
      code: "import { stationWorkflow } from '@app/workflows/station.workflow';\nexport { stationWorkflow };\n",
    },
  ],
  [
    'the API importing the workflow entry',
    { filePath: 'apps/api/src/rounds/x.ts', code: "import { roundWorkflow } from '../../../../workflows';\nexport { roundWorkflow };\n" },
  ],
  [
    'activities importing typeorm',
    { filePath: 'activities/x.activities.ts', code: "import { DataSource } from 'typeorm';\nexport { DataSource };\n" },
  ],
  [
    'activities importing @nestjs/common',
    { filePath: 'activities/x.activities.ts', code: "import { Injectable } from '@nestjs/common';\nexport { Injectable };\n" },
  ],
  [
    'activities importing nodemailer',
    { filePath: 'activities/x.activities.ts', code: "import * as nodemailer from 'nodemailer';\nexport { nodemailer };\n" },
  ],
  [
    'activities importing the robot adapters',
    { filePath: 'activities/x.activities.ts', code: "import { RobotPoster } from '@app/channels';\nexport { RobotPoster };\n" },
  ],
  [
    'activities importing apps/',
    {
      filePath: 'activities/x.activities.ts',
      code: "import { buildActivities } from '../apps/worker/src/worker';\nexport { buildActivities };\n",
    },
  ],
];

const allowed: [string, Case][] = [
  [
    'a workflow importing @temporalio/workflow, @temporalio/common, the domain and activity types',
    {
      filePath: 'workflows/x.workflow.ts',
      code: [
        "import { condition, proxyActivities } from '@temporalio/workflow';",
        "import { ApplicationFailure } from '@temporalio/common';",
        "import type { createActivities } from '../activities';",
        "import { DomainError } from '../libs/domain/src';",
        "import { roundWorkflowId } from './messages';",
        'const acts = proxyActivities<ReturnType<typeof createActivities>>({ startToCloseTimeout: 1000 });',
        'export { acts, condition, ApplicationFailure, DomainError, roundWorkflowId };',
        '',
      ].join('\n'),
    },
  ],
  [
    'a nested workflow file importing a sibling folder',
    {
      filePath: 'workflows/sub/x.ts',
      code: "import { roundWorkflowId } from '../messages';\nimport type { ActivityDeps } from '../../activities';\nexport type D = ActivityDeps;\nexport { roundWorkflowId };\n",
    },
  ],
  [
    'a workflow spec using the test server and Node',
    {
      filePath: 'workflows/x.spec.ts',
      code: "import * as path from 'node:path';\nimport { TestWorkflowEnvironment } from '@temporalio/testing';\nimport { DomainError } from '@app/domain';\nexport { path, TestWorkflowEnvironment, DomainError };\n",
    },
  ],
  [
    'a workflow test helper under testing/',
    { filePath: 'workflows/testing/x.ts', code: "import { openDatabase } from '@app/persistence';\nexport { openDatabase };\n" },
  ],
  [
    'libs/domain importing within the domain',
    {
      filePath: 'libs/domain/src/sub/x.ts',
      code: "import { DomainError } from '../errors';\nimport { y } from './y';\nexport { DomainError, y };\n",
    },
  ],
  [
    'a lib importing the domain and npm packages',
    {
      filePath: 'libs/persistence/src/x.ts',
      code: "import { DataSource } from 'typeorm';\nimport { DomainError } from '@app/domain';\nexport { DataSource, DomainError };\n",
    },
  ],
  [
    'the API importing the shared workflow messages',
    { filePath: 'apps/api/src/x.ts', code: "import { roundWorkflowId } from '@app/workflows/messages';\nexport { roundWorkflowId };\n" },
  ],
  [
    'activities importing @temporalio/activity and the domain',
    {
      filePath: 'activities/x.activities.ts',
      code: "import { Context } from '@temporalio/activity';\nimport { DomainError } from '@app/domain';\nexport { Context, DomainError };\n",
    },
  ],
];

describe('import rules (ARCHITECTURE.md) are enforced by ESLint', () => {
  let results: Map<string, Message[]>;

  beforeAll(() => {
    const cases = [...forbidden, ...allowed];
    const messages = lintAll(cases.map(([, c]) => c));
    results = new Map(cases.map(([name], i) => [name, messages[i]]));
  });

  it.each(forbidden.map(([name]) => name))('reports %s', (name) => {
    const messages = results.get(name)!;
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: RULE, severity: 2 }));
  });

  it.each(allowed.map(([name]) => name))('allows %s', (name) => {
    expect(results.get(name)).toEqual([]);
  });
});
