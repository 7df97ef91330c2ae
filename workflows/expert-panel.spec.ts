import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  Actor,
  OutboxMessageEntity,
  assignExperts,
  HAVE_KEYS,
  ReminderEntity,
  SixHavesAssessment,
  StationExpertEntity,
  StationState,
  UserEntity,
} from './testing/spec-imports';
import { buildActivities } from '../apps/worker/src/worker';
import { assignExpertsUpdate, reviewUpdate, setPanelUpdate, roundWorkflowId, stationWorkflowId } from './messages';
import { at, CITY, DAY, districtActor, useRoundHarness, waitFor } from './testing/round-harness';

const sixHaves = (): SixHavesAssessment =>
  Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k} 现场核查` }])) as SixHavesAssessment;
const expert = (id: string): Actor => ({ id, name: `专家${id}`, role: 'expert' });

/**
 * The city's expert panel in simulated time: the round's panel, the assignment sent to each station
 * as an Update, the experts' reviews and the city's decision, and the experts' reminder digests
 * before and after the evaluation deadline, exactly once across a worker restart.
 */
describe('the expert panel of a round', () => {
  // Without a workflow cache a stopped worker holds no sticky queue, so the next one picks the
  // workflows up at once (the test server never times a sticky queue out).
  const harness = useRoundHarness(undefined, { maxCachedWorkflows: 0 });

  it('assigns, takes reviews until the city decides, and reminds each expert once per checkpoint', async () => {
    const h = harness();
    const t0 = await h.now();
    const deadlines = {
      recommendation: at(t0, 5),
      filing: at(t0, 10),
      selfAssessmentOpens: at(t0, 15),
      selfAssessment: at(t0, 20),
      cityEvaluation: at(t0, 40),
      publication: at(t0, 50),
      promotion: at(t0, 60),
    };
    const experts = [
      { id: 'e1', districtCode: '500103' },
      { id: 'e2', districtCode: '500104' },
      { id: 'e3', districtCode: null },
    ];
    // experts as people with accounts (their user records give the e-mail and the district of origin)
    await h.ds.getRepository(UserEntity).insert(
      experts.map((e) => ({
        id: e.id,
        username: `expert-${e.id}`,
        displayName: `专家${e.id}`,
        email: `${e.id}@experts.example`,
        role: 'expert',
        districtCode: e.districtCode,
        stationId: null,
        createdBy: 'admin',
        createdByRole: 'admin',
        createdAt: new Date(t0).toISOString(),
        updatedAt: new Date(t0).toISOString(),
      })),
    );
    let A = '';
    let B = '';
    let roundId = '';
    const stations: Record<string, string> = {};
    await h.worker.runUntil(async () => {
      const round = await h.startRound(deadlines);
      roundId = round.roundId;
      A = await h.apply(round, '渝中区服务站', '500103');
      B = await h.apply(round, '大渡口区服务站', '500104');
      Object.assign(stations, { [A]: 'A', [B]: 'B' });
      for (const [id, code] of [
        [A, '500103'],
        [B, '500104'],
      ]) {
        await h.act(id, { type: 'recommend', recommended: true }, districtActor(code));
        await h.act(id, { type: 'file', filed: true, level: 'district' }, CITY);
        expect((await h.act(id, { type: 'self_assess', sixHaves: sixHaves(), summary: '自评' }, districtActor(code))).stage).toBe(
          'city_evaluation',
        );
      }
      const panelInput = { experts: experts.map((e) => e.id), perStation: 2, excludeSameDistrict: true };
      const withPanel = await h.env.client.workflow
        .getHandle(roundWorkflowId(roundId))
        .executeUpdate(setPanelUpdate, { args: [{ panel: panelInput, actor: CITY }] });
      expect(withPanel.panel).toMatchObject({ ...panelInput, conflicts: [], updatedBy: CITY.name });

      // What POST /api/rounds/:id/panel/assign does: the domain's assignment, one Update per station.
      const { assignments, shortfalls } = assignExperts({
        ...panelInput,
        conflicts: [],
        experts,
        stations: [
          { id: A, districtCode: '500103', experts: [] },
          { id: B, districtCode: '500104', experts: [] },
        ],
      });
      expect(shortfalls).toEqual([]);
      const assigned = Object.fromEntries(assignments.map((a) => [stations[a.stationId], [...a.experts].sort()]));
      expect(assigned).toEqual({ A: ['e2', 'e3'], B: ['e1', 'e3'] });
      for (const a of assignments) {
        await h.env.client.workflow
          .getHandle(stationWorkflowId(a.stationId))
          .executeUpdate(assignExpertsUpdate, { args: [{ action: { type: 'assign_experts', experts: a.experts }, actor: CITY }] });
      }
      const review = (id: string, by: string) =>
        h.env.client.workflow.getHandle(stationWorkflowId(id)).executeUpdate(reviewUpdate, {
          args: [{ action: { type: 'review', review: { sixHaves: sixHaves(), recommendation: 'pass' } }, actor: expert(by) }],
        });
      expect(await refusal(() => review(A, 'e1'))).toBe('PANEL.NOT_ASSIGNED');
      const reviewed: StationState = await review(A, 'e2');
      expect(reviewed.panel!.reviews.map((r) => r.id)).toEqual([`${A}:e2`]);
      await waitFor(
        async () => (await h.ds.getRepository(StationExpertEntity).findOneBy({ stationId: A, expertId: 'e2' }))?.reviewId != null,
      );

      // Before the deadline: e1 owes B, e3 owes A and B; e2 owes nothing.
      await h.env.sleep(30 * DAY);
      await waitFor(async () => (await expertDigests(h, roundId)).some((r) => r.checkpoint === 'before:P14D'));
      await review(A, 'e3');
      await review(B, 'e3');
    });

    // The worker stops and a new one takes over the same task queue (a deploy, a crash).
    const again = await Worker.create({
      connection: h.env.nativeConnection,
      taskQueue: h.taskQueue,
      workflowsPath: require.resolve('./index'),
      activities: buildActivities({ dataSource: h.ds, client: h.env.client, escalation: h.escalation }),
      maxCachedWorkflows: 0,
    });
    await again.runUntil(async () => {
      await h.env.sleep(15 * DAY); // past the deadline (t0 + 40) and its first overdue checkpoint
      await waitFor(async () => (await expertDigests(h, roundId)).some((r) => r.checkpoint === 'after:P1D' && r.status !== 'pending'));
      const digests = await expertDigests(h, roundId);
      const byCheckpoint = (c: string) =>
        digests
          .filter((r) => r.checkpoint === c)
          .map(
            (r) =>
              `${r.key.split('|').at(-1)}:${r.stationIds
                .map((s) => stations[s])
                .sort()
                .join(',')}`,
          )
          .sort();
      expect(byCheckpoint('before:P14D')).toEqual(['expert:e1:B', 'expert:e3:A,B']);
      expect(byCheckpoint('before:P7D')).toEqual(['expert:e1:B']);
      expect(byCheckpoint('after:P1D')).toEqual(['expert:e1:B']);
      // exactly once: one row per (checkpoint, expert) and nothing for the experts who reviewed
      expect(new Set(digests.map((r) => r.key)).size).toBe(digests.length);
      expect(digests.filter((r) => r.key.endsWith('expert:e2'))).toEqual([]);
      expect(digests.filter((r) => r.deadlineKey !== 'cityEvaluation' || r.status !== 'sent')).toEqual([]);
      // each sent once, to the expert's e-mail from their user record
      const mails = await h.ds.getRepository(OutboxMessageEntity).find();
      const toExperts = mails.filter((m) => m.mail.to.some((to) => to.endsWith('@experts.example')));
      expect(toExperts).toHaveLength(digests.length);
      expect(toExperts.filter((m) => m.mail.to[0] === 'e1@experts.example')).toHaveLength(
        digests.filter((d) => d.key.endsWith('expert:e1')).length,
      );
      expect(toExperts[0].mail.subject).toMatch(/培育评估/);

      // The city decides: the decision records the reviews it rests on; no review after it.
      const decided = await h.act(A, { type: 'evaluate', passed: true }, CITY);
      expect(decided.panel!.decision).toMatchObject({ action: 'evaluate', reviewIds: [`${A}:e2`, `${A}:e3`] });
      const late = await refusal(() =>
        h.env.client.workflow.getHandle(stationWorkflowId(A)).executeUpdate(reviewUpdate, {
          args: [{ action: { type: 'review', review: { sixHaves: sixHaves(), recommendation: 'fail' } }, actor: expert('e2') }],
        }),
      );
      expect(late).toBe('PANEL.DECIDED');
      await waitFor(async () => (await h.ds.getRepository(StationExpertEntity).findBy({ stationId: A })).every((r) => r.decided));
    });
  });
});

async function expertDigests(h: ReturnType<ReturnType<typeof useRoundHarness>>, roundId: string) {
  const rows = await h.ds.getRepository(ReminderEntity).find({ where: { roundId, kind: 'expert' }, relations: {} });
  const links = await h.ds.query(`SELECT reminder_id AS "reminderId", station_id AS "stationId" FROM reminder_stations`);
  return rows.map((r) => ({
    key: r.key,
    checkpoint: r.checkpoint,
    deadlineKey: r.deadlineKey,
    status: r.status === 'failed' ? `failed: ${r.lastError}` : r.status,
    stationIds: (links as { reminderId: string; stationId: string }[])
      .filter((l) => l.reminderId === r.id)
      .map((l) => l.stationId)
      .sort(),
  }));
}

async function refusal(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) return e.cause.type ?? 'untyped';
    throw e;
  }
  throw new Error('accepted');
}
