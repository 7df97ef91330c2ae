/**
 * CLI wrapper of recordStarRatingHistories (record-histories.ts): records the star-rating station
 * histories (workflows/testing/histories/star-station-*.v2.json) without touching the others, with
 *
 *   npx jest --selectProjects workflow --testMatch '<rootDir>/workflows/testing/record-star-rating-histories.recorder.ts'
 */
import * as path from 'node:path';
import { recordStarRatingHistories } from './record-histories';

it('records the star-rating replay histories', async () => {
  const files = await recordStarRatingHistories();
  console.log(`recorded:\n${files.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n')}`);
  expect(files).toHaveLength(2);
});
