/**
 * Records the event histories that workflows/replay.spec.ts replays against the current workflow
 * code, so that a non-deterministic change to a workflow fails CI.
 *
 * Re-record (only when a change is meant to be incompatible, e.g. behind a new workflow type or
 * after every running workflow of the old code has completed):
 *
 *   npx jest --selectProjects workflow --testMatch '<rootDir>/workflows/testing/record-histories.recorder.ts'
 *
 * (the Jest wrapper record-histories.recorder.ts is not matched by the normal test globs, so it
 * never runs in an ordinary `jest` run; see workflows/testing/histories/README.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyToJson } from './history-json';
import { roundWorkflowId, stationWorkflowId } from '../messages';
import { runCompactRound } from './compact-round';
import { runCompactStarRatingRound } from './compact-star-rating-round';
import { RoundHarness } from './round-harness';

export const HISTORIES_DIR = path.join(__dirname, 'histories');
/**
 * The recorders write the histories of the current code paths under this suffix; the files without
 * it were recorded before some patches (docs/patches.md) and are kept as they are.
 */
export const RECORDED_SUFFIX = '.v2';

/** Runs the compact round story and writes the histories as `<name>.v2.json`; returns the files written. */
export async function recordHistories(outDir = HISTORIES_DIR): Promise<string[]> {
  return record(outDir, async (h) => {
    const { roundId, stations } = await runCompactRound(h);
    return {
      round: roundWorkflowId(roundId),
      'station-listed': stationWorkflowId(stations.listed),
      'station-overdue': stationWorkflowId(stations.overdue),
      'station-withdrawn': stationWorkflowId(stations.withdrawn),
    };
  });
}

/**
 * Runs the compact star-rating story and writes its station histories (the star-rating station
 * workflow); recorded on their own, so that adding or re-recording them leaves the six-haves ones.
 */
export async function recordStarRatingHistories(outDir = HISTORIES_DIR): Promise<string[]> {
  return record(outDir, async (h) => {
    const { stations } = await runCompactStarRatingRound(h);
    return { 'star-station-rated': stationWorkflowId(stations.rated), 'star-station-overdue': stationWorkflowId(stations.overdue) };
  });
}

async function record(outDir: string, story: (h: RoundHarness) => Promise<Record<string, string>>): Promise<string[]> {
  const env = await RoundHarness.timeSkipping();
  const h = new RoundHarness(env);
  try {
    await h.open();
    const workflows = await story(h);
    fs.mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const [name, workflowId] of Object.entries(workflows)) {
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      const file = path.join(outDir, `${name}${RECORDED_SUFFIX}.json`);
      // Pretty-printed so that a re-recording reads as a diff.
      fs.writeFileSync(file, historyToJson(history) + '\n');
      written.push(file);
    }
    return written;
  } finally {
    await h.close().catch(() => undefined);
    await env.teardown();
  }
}
