import type { StationState } from '@app/domain';
import { FIVE_STAR_SHEET, LOW_SHEET, NO_TRIBUNAL_SHEET } from '@app/domain/testing';
import { at, CITY, DAY, districtActor, RoundHarness, waitFor } from './round-harness';

/**
 * A compact star-rating round (杭州) on the time-skipping test server, for the history recorder
 * (workflows/testing/record-histories.ts):
 * - `rated`: a draft registration, submitted, scored three times, rated three stars (the tribunal
 *   is missing for more), published and closed;
 * - `overdue`: misses the self-score deadline (overdue, escalated), follows a moved re-score
 *   deadline, is rated below three stars and closes as not passed, flagged by the exit rule.
 * Throws if the story does not go as written.
 */
export interface CompactStarRatingRound {
  roundId: string;
  stations: { rated: string; overdue: string };
}

export async function runCompactStarRatingRound(h: RoundHarness): Promise<CompactStarRatingRound> {
  return h.worker.runUntil(async () => {
    const env = h.env;
    const t0 = await h.now();
    const sleepUntil = async (days: number) => env.sleep(Math.max(0, t0 + days * DAY - (await h.now())));
    const round = await h.startRound(
      {
        registration: at(t0, 30),
        selfScore: at(t0, 200),
        districtReview: at(t0, 230),
        cityRating: at(t0, 260),
        publication: at(t0, 300),
        promotion: at(t0, 330),
      },
      undefined,
      'star-rating',
    );
    const year = round.starRating!.ratingYear;
    const xh = '330106';
    const R = await h.register(round, '西溪劳动关系服务站', xh, { draft: true });
    const O = await h.register(round, '留下调解工作室', xh, {
      priorRatings: [
        { year: year - 1, stars: 0 },
        { year: year - 2, stars: 0 },
      ],
    });

    await sleepUntil(20);
    await h.actStar(R, { type: 'submit' }, districtActor(xh));
    await sleepUntil(190);
    await h.actStar(R, { type: 'self_score', values: FIVE_STAR_SHEET, note: '自评' }, districtActor(xh));

    // O misses the self-score deadline: overdue, escalated; it scores late.
    await sleepUntil(201);
    await waitFor(async () => (await h.station(O)).overdue);
    await waitFor(async () => (await h.round(round.roundId)).escalations.length === 1);
    await h.actStar(O, { type: 'self_score', values: LOW_SHEET }, districtActor(xh));

    // The re-score deadline moves; both stations follow it.
    const moved = at(t0, 240);
    await h.changeDeadlines(round.roundId, { districtReview: moved }, '区县复评延期');
    await waitFor(async () => (await h.station(O)).nextDeadline === moved);
    await sleepUntil(235);
    await h.actStar(R, { type: 'district_review', values: NO_TRIBUNAL_SHEET }, districtActor(xh));
    await h.actStar(O, { type: 'district_review', values: LOW_SHEET }, districtActor(xh));

    await sleepUntil(255);
    expectThat((await h.actStar(R, { type: 'city_rate', values: NO_TRIBUNAL_SHEET }, CITY)).starRating?.stars === 3, 'R rated three stars');
    const o = await h.actStar(O, { type: 'city_rate', values: LOW_SHEET }, CITY);
    expectThat(o.outcome === 'not_passed' && o.starRating?.exitReview?.flagged === true, 'O not passed, flagged');
    await sleepUntil(295);
    expectThat((await h.publish(round.roundId, '杭总工〔2024〕星级授牌')).publication?.listed === 1, 'one station listed');
    await sleepUntil(325);
    expectThat((await h.promote(round.roundId, '推广经验')).status === 'closed', 'round closed');

    for (const [id, outcome] of [
      [R, 'listed'],
      [O, 'not_passed'],
    ] as const) {
      const final: StationState = await env.client.workflow.getHandle(`station-${id}`).result();
      expectThat(
        final.stage === 'closed' && final.outcome === outcome,
        `station ${id}: closed/${outcome}, got ${final.stage}/${final.outcome}`,
      );
    }
    return { roundId: round.roundId, stations: { rated: R, overdue: O } };
  });
}

function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(`compact star-rating round: expected ${what}`);
}
