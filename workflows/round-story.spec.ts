import { HAVE_KEYS, SixHavesAssessment, StationEventEntity } from './testing/spec-imports';
import { at, CITY, DAY, districtActor, useRoundHarness, waitFor } from './testing/round-harness';

const sixHaves = (): SixHavesAssessment =>
  Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k} 证明材料` }])) as SixHavesAssessment;

/**
 * A whole round in simulated time: several stations in several districts, every outcome, a missed
 * deadline and a deadline moved mid-round, on the time-skipping test server with the real
 * activities and a real SQLite projection.
 */
describe('a round through a year of simulated time', () => {
  const harness = useRoundHarness();

  it('takes every station to its outcome and follows moved deadlines', async () => {
    const h = harness();
    await h.worker.runUntil(async () => {
      const t0 = await h.now();
      const deadlines = {
        recommendation: at(t0, 30),
        filing: at(t0, 60),
        selfAssessmentOpens: at(t0, 240),
        selfAssessment: at(t0, 300),
        cityEvaluation: at(t0, 330),
        publication: at(t0, 355),
        promotion: at(t0, 365),
      };
      const round = await h.startRound(deadlines);
      const d = { yz: '500103', dd: '500104', jb: '500105', sp: '500106' };
      const A = await h.apply(round, '渝中区劳动关系服务站', d.yz);
      const B = await h.apply(round, '大渡口区职工之家', d.dd);
      const C = await h.apply(round, '渝中区调解工作室', d.yz);
      const D = await h.apply(round, '江北区指导站', d.jb, true);
      const E = await h.apply(round, '大渡口区服务中心', d.dd);
      const F = await h.apply(round, '江北区工作室', d.jb);
      const G = await h.apply(round, '沙坪坝区服务站', d.sp);

      // Recommendation by the districts (a draft must be submitted first).
      expect((await h.station(D)).stage).toBe('application');
      expect(await h.refusal(D, { type: 'recommend', recommended: true }, districtActor(d.jb))).toBe('STATION.WRONG_STAGE');
      await h.act(D, { type: 'submit' }, districtActor(d.jb));
      for (const id of [A, B, D, E, F]) {
        const s = await h.act(id, { type: 'recommend', recommended: true }, districtActor('x'));
        expect(s.stage).toBe('filing');
      }
      expect((await h.act(C, { type: 'recommend', recommended: false, note: '材料不全' }, districtActor(d.yz))).outcome).toBe(
        'not_recommended',
      );
      // Only the city files.
      expect(await h.refusal(A, { type: 'file', filed: true, level: 'city' }, districtActor(d.yz))).toBe('FORBIDDEN');
      expect(await h.refusal(A, { type: 'file', filed: true }, CITY)).toBe('VALIDATION_FAILED');

      // G's district misses the recommendation deadline.
      await h.env.sleep(31 * DAY);
      // Timers fire as time skips; the workflow task that follows may still be running.
      await waitFor(async () => (await h.station(G)).overdue);
      let g = await h.station(G);
      expect(g.overdue).toBe(true);
      expect(g.history.map((e) => e.action)).toContain('overdue');
      await waitFor(async () => (await h.row(G)).overdue); // the projection follows the timer
      const afterMiss = await h.round(round.roundId);
      expect(afterMiss.escalations).toHaveLength(1);
      expect(afterMiss.escalations[0]).toMatchObject({ key: 'recommendation', owing: 1 });
      expect(h.escalation.calls[0]).toEqual({ key: 'recommendation', owing: [{ districtCode: d.sp, count: 1 }] });

      // The city extends the recommendation deadline: G is no longer overdue and is recommended.
      const extended = at(t0, 45);
      const changed = await h.changeDeadlines(round.roundId, { recommendation: extended }, '沙坪坝区申请延期');
      expect(changed.calendar.version).toBe(2);
      expect(changed.changes[0]).toMatchObject({ reason: '沙坪坝区申请延期', by: CITY.name });
      // A year no workflow can serve is refused by the Update's validator; nothing changes.
      await expect(h.changeDeadlines(round.roundId, { promotion: '9999-12-31T15:59:59.000Z' }, '笔误')).rejects.toMatchObject({
        cause: { type: 'VALIDATION_FAILED' },
      });
      expect((await h.round(round.roundId)).calendar.version).toBe(2);
      await waitFor(async () => (await h.station(G)).calendarVersion === 2);
      g = await h.station(G);
      expect(g.overdue).toBe(false);
      expect(g.nextDeadline).toBe(extended);
      await h.act(G, { type: 'recommend', recommended: true }, districtActor(d.sp));

      // Filing with levels; D is not filed.
      expect((await h.act(A, { type: 'file', filed: true, level: 'city' }, CITY)).level).toBe('city');
      for (const id of [B, E, G]) await h.act(id, { type: 'file', filed: true, level: 'district' }, CITY);
      await h.act(F, { type: 'file', filed: true, level: 'city' }, CITY);
      expect((await h.act(D, { type: 'file', filed: false, note: '不符合条件' }, CITY)).outcome).toBe('not_filed');
      expect((await h.station(A)).stage).toBe('cultivation');

      // The self-assessment window opens by the calendar.
      await h.env.sleep(210 * DAY); // t0 + 241d
      for (const id of [A, B, E, F, G]) await waitFor(async () => (await h.station(id)).stage === 'self_assessment');
      expect((await h.act(F, { type: 'withdraw', reason: '承担单位撤销' }, districtActor(d.jb))).outcome).toBe('withdrawn');

      // The self-assessment deadline moves mid-round; every running station follows.
      const moved = at(t0, 310);
      await h.changeDeadlines(round.roundId, { selfAssessment: moved }, '通知重新印发');
      await waitFor(async () => (await h.station(A)).nextDeadline === moved);
      expect((await h.station(G)).nextDeadline).toBe(moved);
      expect(
        await h.refusal(
          A,
          { type: 'self_assess', sixHaves: { platform: { status: 'met', evidence: 'x' } } as never, summary: 's' },
          districtActor(d.yz),
        ),
      ).toBe('VALIDATION_FAILED');
      for (const id of [A, B, E])
        expect((await h.act(id, { type: 'self_assess', sixHaves: sixHaves(), summary: '六有基本达标' }, districtActor('x'))).stage).toBe(
          'city_evaluation',
        );

      // G misses the self-assessment deadline (the moved one, not the original).
      await h.env.sleep(60 * DAY); // t0 + 301d: original deadline passed, moved one not yet
      expect((await h.station(G)).overdue).toBe(false);
      await h.env.sleep(10 * DAY); // t0 + 311d
      await waitFor(async () => (await h.station(G)).overdue);

      // City evaluation, publication, promotion.
      expect(await h.refusal(A, { type: 'evaluate', passed: true }, districtActor(d.yz))).toBe('FORBIDDEN');
      await h.act(A, { type: 'evaluate', passed: true, comments: '成效明显' }, CITY);
      await h.act(B, { type: 'evaluate', passed: true }, CITY);
      expect((await h.act(E, { type: 'evaluate', passed: false, comments: '制度不健全' }, CITY)).outcome).toBe('not_passed');
      const published = await h.publish(round.roundId, '渝人社〔2024〕1号');
      expect(published.status).toBe('published');
      expect(published.publication).toMatchObject({ documentNo: '渝人社〔2024〕1号', listed: 2 });
      const a = await h.station(A);
      expect([a.stage, a.outcome, a.level]).toEqual(['promotion', 'listed', 'city']);
      expect([(await h.station(B)).outcome, (await h.station(B)).level]).toEqual(['listed', 'district']);

      await h.act(G, { type: 'withdraw', reason: '未按期自评' }, CITY);
      const closed = await h.promote(round.roundId, '全市推广经验');
      expect(closed.status).toBe('closed');

      // Every station workflow ends closed with its outcome; the projection agrees.
      const expected: Record<string, [string, string | null]> = {
        [A]: ['listed', 'city'],
        [B]: ['listed', 'district'],
        [C]: ['not_recommended', null],
        [D]: ['not_filed', null],
        [E]: ['not_passed', 'district'],
        [F]: ['withdrawn', 'city'],
        [G]: ['withdrawn', 'district'],
      };
      for (const [id, [outcome, level]] of Object.entries(expected)) {
        const final = await h.env.client.workflow.getHandle(`station-${id}`).result();
        expect([final.stage, final.outcome, final.level]).toEqual(['closed', outcome, level]);
        const row = await h.row(id);
        expect([row.stage, row.outcome, row.level, row.version]).toEqual(['closed', outcome, level, final.version]);
      }
      const history = await h.ds.getRepository(StationEventEntity).find({ where: { stationId: A }, order: { seq: 'ASC' } });
      expect(history.map((e) => e.action)).toEqual([
        'apply',
        'recommend',
        'file',
        'self_assessment_opened',
        'self_assess',
        'evaluate',
        'publish',
        'promote',
      ]);
      expect(history.find((e) => e.action === 'file')).toMatchObject({
        actor: CITY.name,
        role: 'city',
        fromStage: 'filing',
        toStage: 'cultivation',
      });
      const roundResult = await h.env.client.workflow.getHandle(`round-${round.roundId}`).result();
      expect(roundResult.escalations.map((e: { key: string }) => e.key)).toEqual(['recommendation', 'selfAssessment']);
    });
  });
});
