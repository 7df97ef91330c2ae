import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { ReplayResult, ReplayWorkerOptions, Worker } from '@temporalio/worker';
import { History, historyFromJson } from './testing/history-json';

/**
 * Replays the recorded histories (workflows/testing/histories/*.json) against the current workflow
 * code: a change to a workflow that is not deterministic with respect to a running one fails here.
 * To re-record after an intended incompatible change, see workflows/testing/histories/README.md.
 */
const HISTORIES = path.join(__dirname, 'testing', 'histories');

function loadHistories(): { workflowId: string; history: History }[] {
  return fs
    .readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      workflowId: path.basename(f, '.json'),
      history: historyFromJson(JSON.parse(fs.readFileSync(path.join(HISTORIES, f), 'utf8'))),
    }));
}

async function replay(
  workflowsPath: string,
  histories: { workflowId: string; history: History }[],
  options: Omit<ReplayWorkerOptions, 'workflowsPath'> = {},
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ ...options, workflowsPath }, histories)) results.push(result);
  return results;
}

describe('replay of the recorded histories', () => {
  const histories = loadHistories();

  it('replays every recorded history without a determinism error', async () => {
    expect(histories.length).toBeGreaterThanOrEqual(3);
    const results = await replay(require.resolve('./index'), histories);
    expect(results).toHaveLength(histories.length);
    expect(results.map((r) => [r.workflowId, r.error])).toEqual(histories.map((h) => [h.workflowId, undefined]));
  });

  it('replays them as well with the OpenTelemetry workflow interceptors (tracing switched on for running workflows)', async () => {
    const results = await replay(require.resolve('./index'), histories, {
      interceptors: { workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] },
      // The sink the interceptors export their spans through; replay does not call it.
      sinks: { exporter: { export: { fn: () => undefined } } },
    });
    expect(results.map((r) => [r.workflowId, r.error])).toEqual(histories.map((h) => [h.workflowId, undefined]));
  });

  it('fails on a non-deterministic change (a station workflow that starts with an extra timer)', async () => {
    const station = histories.find((h) => h.workflowId.startsWith('station-'));
    expect(station).toBeDefined();
    const [result] = await replay(require.resolve('./testing/altered'), [station!]);
    expect(result.error).toBeInstanceOf(DeterminismViolationError);
    expect(result.error?.message).toMatch(/nondeterminism/i);
  });
});
