/**
 * CLI wrapper of record-histories.ts: re-records workflows/testing/histories/*.v2.json (the current paths) with
 *
 *   npx jest --selectProjects workflow --testMatch '<rootDir>/workflows/testing/record-histories.recorder.ts'
 *
 * Jest (not node) runs it because the harness relies on Jest's TypeScript transform and @app/*
 * module mapping. The name does not end in .spec.ts, so the normal test runs never pick it up.
 */
import * as path from 'node:path';
import { recordHistories } from './record-histories';

it('records the replay histories', async () => {
  const files = await recordHistories();
  console.log(`recorded:\n${files.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n')}`);
  expect(files.length).toBeGreaterThanOrEqual(3);
});
