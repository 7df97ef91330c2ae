import { Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { stationWorkflowId } from './messages';
import { at, districtActor, useRoundHarness } from './testing/round-harness';

const STATIONS = 40;

/**
 * Projection writes that take a random few milliseconds, as they do on a loaded machine: two
 * local activities started in one workflow task then finish in either order.
 */
const jitter = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * ms));

/**
 * An action that reaches a station while it is still starting (fetching its calendar) used to
 * make the Update handler and the main loop write the projection in the same workflow task; on
 * the dev server under load (`npm run bench`), about 1 in 100 such histories then failed to
 * replay. The projection now has a single writer (workflows/projection-writer.ts). This spec runs
 * the race with jittered activities and replays every history with the current code; the
 * time-skipping server did not reproduce the old failure, so it guards the new path, not the old.
 */
describe('an Update racing the start of its station', () => {
  const harness = useRoundHarness((activities) => ({
    ...activities,
    // the calendar arrives after the Update, and the two projection writes finish in either order
    fetchRoundCalendar: async (...args: Parameters<typeof activities.fetchRoundCalendar>) => {
      await jitter(200);
      return activities.fetchRoundCalendar(...args);
    },
    projectStation: async (...args: Parameters<typeof activities.projectStation>) => {
      await jitter(40);
      return activities.projectStation(...args);
    },
  }));

  it('leaves histories that replay deterministically', async () => {
    const h = harness();
    const ids: string[] = [];
    await h.worker.runUntil(async () => {
      const t0 = await h.now();
      const round = await h.startRound({
        recommendation: at(t0, 30),
        selfAssessment: at(t0, 300),
        cityEvaluation: at(t0, 330),
        publication: at(t0, 355),
        promotion: at(t0, 365),
      });
      await Promise.all(
        Array.from({ length: STATIONS }, async (_, i) => {
          const id = await h.apply(round, `竞争站${i}`, '500103');
          ids.push(id);
          const state = await h.act(id, { type: 'recommend', recommended: true }, districtActor('500103'));
          expect(state.stage).toBe('filing');
        }),
      );
    });
    const histories = await Promise.all(
      ids.map(async (id) => ({
        workflowId: stationWorkflowId(id),
        history: await h.env.client.workflow.getHandle(stationWorkflowId(id)).fetchHistory(),
      })),
    );
    const results: ReplayResult[] = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: require.resolve('./index') }, histories)) results.push(r);
    expect(results).toHaveLength(STATIONS);
    expect(results.filter((r) => r.error).map((r) => [r.workflowId, r.error?.message])).toEqual([]);
  });
});
