import type { DataSource } from 'typeorm';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { nextRepeatCheckpoint, roundReminderPlan } from '@app/domain';
import { WorkCalendarRepository } from '@app/persistence';
import { HAVE_KEYS, ReminderEntity, SixHavesAssessment } from './testing/spec-imports';
import { at, CITY, DAY, districtActor, RoundHarness, useRoundHarness, waitFor } from './testing/round-harness';

const sixHaves = (): SixHavesAssessment =>
  Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k} 证明材料` }])) as SixHavesAssessment;

/** The stable code and the message of a refused round Update. */
async function refused(update: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await update;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure)
      return { code: e.cause.type ?? 'untyped', message: e.cause.message };
    throw e;
  }
  throw new Error('the Update was accepted');
}

/**
 * Late stations after publication (DOMAIN.md decision): a station the city evaluates after the list
 * went out is listed by a supplementary list (补充名单) with its own document number, the city is
 * reminded of it, and promotion waits until every station is decided and listed.
 */
describe('a supplementary list for a station evaluated after publication', () => {
  const harness = useRoundHarness();

  it('publishes, refuses promotion while a station is open, publishes a supplementary list, then promotes', async () => {
    const h = harness();
    await h.worker.runUntil(async () => {
      // Dates from the test server's clock, whole days apart: no step depends on the hour it runs.
      const t0 = await h.now();
      const round = await h.startRound({
        recommendation: at(t0, 10),
        filing: at(t0, 20),
        selfAssessment: at(t0, 40),
        cityEvaluation: at(t0, 50),
        publication: at(t0, 60),
        promotion: at(t0, 120),
      });
      const yz = '500103';
      const jb = '500105';
      const A = await h.apply(round, '渝中区劳动关系服务站', yz);
      const B = await h.apply(round, '江北区职工之家', jb);
      for (const id of [A, B]) {
        await h.act(id, { type: 'recommend', recommended: true }, districtActor('x'));
        await h.act(id, { type: 'file', filed: true, level: 'district' }, CITY);
        await h.act(id, { type: 'self_assess', sixHaves: sixHaves(), summary: '六有基本达标' }, districtActor('x'));
      }
      await h.act(A, { type: 'evaluate', passed: true }, CITY);

      // The first list, before the publication deadline: A only; B is still being evaluated.
      await h.env.sleep(55 * DAY);
      const first = await h.publish(round.roundId, '渝人社〔2024〕100号');
      expect(first.status).toBe('published');
      expect(first.publication).toMatchObject({ documentNo: '渝人社〔2024〕100号', listed: 1 });

      // Promotion would close the round around B: refused, naming B and its stage.
      const open = await refused(h.promote(round.roundId, '全市推广'));
      expect(open.code).toBe('ROUND.STATIONS_OPEN');
      expect(open.message).toContain('江北区职工之家（培育评估）');
      expect(open.message).not.toContain('渝中区劳动关系服务站');
      // A supplementary list needs its own number, and someone to list.
      expect(
        (await refused(h.env.client.workflow.getHandle(`round-${round.roundId}`).executeUpdate('publish', { args: [{ actor: CITY }] })))
          .code,
      ).toBe('VALIDATION_FAILED');
      expect((await refused(h.publish(round.roundId, '渝人社〔2024〕101号'))).code).toBe('ROUND.NOTHING_TO_PUBLISH');

      // The publication deadline passes; its first overdue checkpoint finds nobody waiting. Then
      // the city evaluates B, late. (Send times from the plan: they follow the work calendar.)
      const calendar = await new WorkCalendarRepository(h.ds).workCalendar();
      const plan = roundReminderPlan(round, calendar);
      const overdue = plan.find((c) => c.deadlineKey === 'publication' && c.checkpoint === 'after:P1D')!;
      await sleepPast(h, overdue.sendAt);
      await waitFor(() => checkpointHandled(h, round.roundId, overdue.key));
      await h.act(B, { type: 'evaluate', passed: true, comments: '补充评估通过' }, CITY);
      expect((await h.station(B)).stage).toBe('publication');
      // Until it is listed, B keeps the round from promotion too.
      expect((await refused(h.promote(round.roundId, '全市推广'))).message).toContain('江北区职工之家（名单发布，待列入补充名单）');

      // The city is reminded of B: the publication step's weekly repeats go on until promotion.
      const repeat = nextRepeatCheckpoint('publication', overdue.deadline, round.reminderPolicy, calendar, new Date(await h.now()))!;
      await sleepPast(h, repeat.sendAt);
      await waitFor(async () => (await publicationReminders(h.ds, round.roundId, B)) > 0);

      expect((await refused(h.publish(round.roundId, '渝人社〔2024〕100号'))).code).toBe('VALIDATION_FAILED');
      const supplement = await h.publish(round.roundId, '渝人社〔2024〕101号');
      expect(supplement.publication).toMatchObject({ documentNo: '渝人社〔2024〕100号', listed: 1 });
      expect(supplement.publications?.map((p) => [p.documentNo, p.listed, p.supplementary ?? false])).toEqual([
        ['渝人社〔2024〕100号', 1, false],
        ['渝人社〔2024〕101号', 1, true],
      ]);
      const b = await h.station(B);
      expect([b.stage, b.outcome, b.publication?.documentNo]).toEqual(['promotion', 'listed', '渝人社〔2024〕101号']);
      expect((await h.station(A)).publication?.documentNo).toBe('渝人社〔2024〕100号');

      const closed = await h.promote(round.roundId, '全市推广');
      expect(closed.status).toBe('closed');
      for (const id of [A, B]) {
        const final = await h.env.client.workflow.getHandle(`station-${id}`).result();
        expect([final.stage, final.outcome]).toEqual(['closed', 'listed']);
      }
    });
  });
});

/** Lets simulated time run an hour past `instant`. */
async function sleepPast(h: RoundHarness, instant: Date): Promise<void> {
  await h.env.sleep(Math.max(0, instant.getTime() - (await h.now())) + 3600_000);
}

/** Whether the round workflow has sent (or found nobody for) the checkpoint: its activity completed. */
async function checkpointHandled(h: RoundHarness, roundId: string, checkpointKey: string): Promise<boolean> {
  const { events } = await h.env.client.workflow.getHandle(`round-${roundId}`).fetchHistory();
  const scheduled = (events ?? []).filter((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    return (
      a?.activityType?.name === 'sendCheckpointReminders' &&
      (a.input?.payloads ?? []).some((p) =>
        Buffer.from(p.data ?? [])
          .toString('utf8')
          .includes(checkpointKey),
      )
    );
  });
  const ids = new Set(scheduled.map((e) => String(e.eventId)));
  return (events ?? []).some((e) => ids.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? '')));
}

/** City reminders of the publication step that listed the station. */
async function publicationReminders(ds: DataSource, roundId: string, stationId: string): Promise<number> {
  return ds
    .getRepository(ReminderEntity)
    .createQueryBuilder('r')
    .innerJoin('reminder_stations', 'rs', 'rs.reminder_id = r.id')
    .where('r.round_id = :roundId AND r.deadline_key = :key AND r.kind = :kind AND rs.station_id = :stationId', {
      roundId,
      key: 'publication',
      kind: 'city',
      stationId,
    })
    .getCount();
}
