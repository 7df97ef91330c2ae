import { FIVE_STAR_SHEET, LOW_SHEET, NO_TRIBUNAL_SHEET } from '@app/domain/testing';
import { ReminderEntity, StationEventEntity } from './testing/spec-imports';
import { at, CITY, DAY, districtActor, useRoundHarness, waitFor } from './testing/round-harness';

const FIVE = FIVE_STAR_SHEET;
const NO_TRIBUNAL = NO_TRIBUNAL_SHEET;
const LOW = LOW_SHEET;

/**
 * A star-rating round (杭州) in simulated time on the time-skipping test server, with the real
 * activities and a real SQLite projection: registration with a missed deadline, the three scorings,
 * a moved re-score deadline, stars withheld by a prerequisite, the exit rule, publication.
 */
describe('a star-rating round through a year of simulated time', () => {
  const harness = useRoundHarness();

  it('registers, scores three times, rates with prerequisites and flags for the exit rule', async () => {
    const h = harness();
    await h.worker.runUntil(async () => {
      const t0 = await h.now();
      const deadlines = {
        registration: at(t0, 30),
        selfScore: at(t0, 200),
        districtReview: at(t0, 230),
        cityRating: at(t0, 260),
        publication: at(t0, 300),
        promotion: at(t0, 330),
      };
      const round = await h.startRound(deadlines, undefined, 'star-rating');
      const year = round.starRating!.ratingYear;
      const d = { xh: '330106', bj: '330108' };
      const A = await h.register(round, '西溪劳动关系服务站', d.xh);
      const B = await h.register(round, '滨江职工服务站', d.bj);
      const C = await h.register(round, '留下调解工作室', d.xh, {
        priorRatings: [
          { year: year - 1, stars: 0 },
          { year: year - 2, stars: 0 },
        ],
      });
      const D = await h.register(round, '长河服务站', d.bj, { draft: true });
      expect((await h.station(D)).stage).toBe('registration');
      expect((await h.station(A)).stage).toBe('self_score');

      // D's district misses the registration deadline: overdue and escalated.
      await h.env.sleep(31 * DAY);
      await waitFor(async () => (await h.station(D)).overdue);
      await waitFor(async () => (await h.round(round.roundId)).escalations.length === 1);
      expect((await h.round(round.roundId)).escalations[0]).toMatchObject({ key: 'registration', owing: 1 });
      expect(h.escalation.calls[0]).toEqual({ key: 'registration', owing: [{ districtCode: d.bj, count: 1 }] });
      await h.actStar(D, { type: 'submit' }, districtActor(d.bj));
      expect((await h.actStar(D, { type: 'withdraw', reason: '属地情况变化，不再需要' }, districtActor(d.bj))).outcome).toBe('withdrawn');

      // Self-scores: A and C in time, B late (overdue at the self-score deadline).
      expect(await h.refusal(A, { type: 'self_score', values: { items: { signage: 3 } } }, districtActor(d.xh))).toBe('VALIDATION_FAILED');
      const a1 = await h.actStar(A, { type: 'self_score', values: FIVE, note: '自评' }, districtActor(d.xh));
      expect([a1.stage, a1.starRating?.selfScore?.score.total, a1.starRating?.selfScore?.score.stars]).toEqual(['district_review', 97, 5]);
      await h.actStar(C, { type: 'self_score', values: LOW }, districtActor(d.xh));
      // The self-score deadline (t0 + 200 d) is a Friday 10:00 (the harness pins t0 to a Monday 10:00),
      // so its after-deadline checkpoint (P1D → Saturday) moves to Monday 09:00, t0 + 202 d 23 h: B
      // scores after it, once the district's overdue reminder and the escalation have gone out.
      await h.env.sleep(172 * DAY); // t0 + 203 d
      await waitFor(async () => (await h.station(B)).overdue);
      await waitFor(async () => (await h.round(round.roundId)).escalations.length === 2);
      await waitFor(
        async () =>
          (await h.ds.getRepository(ReminderEntity).countBy({ roundId: round.roundId, deadlineKey: 'selfScore', kind: 'escalation' })) > 0,
      );
      await h.actStar(B, { type: 'self_score', values: NO_TRIBUNAL }, districtActor(d.bj));

      // Only the district re-scores, and only after the self-score; the city rates after that.
      expect(await h.refusal(A, { type: 'city_rate', values: FIVE }, CITY)).toBe('STATION.WRONG_STAGE');
      expect(await h.refusal(A, { type: 'district_review', values: FIVE }, CITY)).toBe('FORBIDDEN');

      // The re-score deadline moves; the stations waiting for it follow.
      const moved = at(t0, 240);
      await h.changeDeadlines(round.roundId, { districtReview: moved }, '区县复评延期');
      await waitFor(async () => (await h.station(A)).nextDeadline === moved);
      for (const [id, values, code] of [
        [A, FIVE, d.xh],
        [B, NO_TRIBUNAL, d.bj],
        [C, LOW, d.xh],
      ] as const) {
        expect((await h.actStar(id, { type: 'district_review', values }, districtActor(code))).stage).toBe('city_rating');
      }

      // The city office is reminded of the ratings it owes, then rates.
      await h.env.sleep(50 * DAY); // t0 + 251d: the 14- and 7-day checkpoints before the rating deadline have passed
      await waitFor(
        async () =>
          (await h.ds.getRepository(ReminderEntity).countBy({ roundId: round.roundId, deadlineKey: 'cityRating', kind: 'city' })) > 0,
      );
      const a = await h.actStar(A, { type: 'city_rate', values: FIVE, note: '成效突出' }, CITY);
      expect([a.stage, a.starRating?.stars]).toEqual(['publication', 5]);
      const b = await h.actStar(B, { type: 'city_rate', values: NO_TRIBUNAL }, CITY);
      expect([b.stage, b.starRating?.stars, b.starRating?.cityRating?.score.total]).toEqual(['publication', 3, 97]);
      expect(b.starRating?.cityRating?.score.blockedStars?.map((x) => [x.stars, x.missing])).toEqual([
        [5, ['劳动人事争议仲裁派出庭']],
        [4, ['劳动人事争议仲裁派出庭']],
      ]);
      const c = await h.actStar(C, { type: 'city_rate', values: LOW }, CITY);
      expect([c.stage, c.outcome, c.starRating?.stars]).toEqual(['closed', 'not_passed', 0]);
      expect(c.starRating?.exitReview).toMatchObject({ yearsBelowThree: 3, limit: 3, flagged: true, years: [year, year - 1, year - 2] });

      const published = await h.publish(round.roundId, '杭总工〔2024〕星级授牌');
      expect(published.publication).toMatchObject({ listed: 2 });
      await h.promote(round.roundId, '推广五星级服务站经验');

      const expected: Record<string, [string, number | null]> = {
        [A]: ['listed', 5],
        [B]: ['listed', 3],
        [C]: ['not_passed', 0],
        [D]: ['withdrawn', null],
      };
      for (const [id, [outcome, stars]] of Object.entries(expected)) {
        const final = await h.env.client.workflow.getHandle(`station-${id}`).result();
        expect([final.stage, final.outcome, final.starRating.stars]).toEqual(['closed', outcome, stars]);
        const row = await h.row(id);
        expect([row.stage, row.outcome, row.version, (row.state as { starRating?: { stars: number | null } }).starRating?.stars]).toEqual([
          'closed',
          outcome,
          final.version,
          stars,
        ]);
      }
      const history = await h.ds.getRepository(StationEventEntity).find({ where: { stationId: A }, order: { seq: 'ASC' } });
      expect(history.map((e) => [e.action, e.toStage])).toEqual([
        ['apply', 'self_score'],
        ['self_score', 'district_review'],
        ['district_review', 'city_rating'],
        ['city_rate', 'publication'],
        ['publish', 'promotion'],
        ['promote', 'closed'],
      ]);
      const roundResult = await h.env.client.workflow.getHandle(`round-${round.roundId}`).result();
      expect(roundResult.escalations.map((e: { key: string }) => e.key)).toEqual(['registration', 'selfScore']);
      // The self-score reminders went to B's district, the rating reminders to the city office.
      const reminders = await h.ds.getRepository(ReminderEntity).find({ where: { roundId: round.roundId } });
      const routed = (key: string) =>
        [
          ...new Set(
            reminders.filter((r) => r.deadlineKey === key && r.kind !== 'delivery_failure').map((r) => `${r.kind}:${r.districtCode ?? ''}`),
          ),
        ].sort();
      expect(routed('selfScore')).toEqual(['district:330108', 'escalation:']);
      expect(routed('cityRating')).toEqual(['city:']);
      expect(routed('districtReview')).toEqual([]);
    });
  });
});
