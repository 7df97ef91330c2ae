import { HAVE_KEYS, SixHavesAssessment, StationState } from '@app/domain';
import { at, CITY, DAY, districtActor, RoundHarness, waitFor } from './round-harness';

/**
 * A compact round story on the time-skipping test server, shared by the history recorder
 * (workflows/testing/record-histories.ts) and the history-size benchmark (bench/history-size.ts).
 *
 * Four stations over a year-long calendar, acting close to each deadline as a real round would:
 * - `listed`: a draft, submitted, then through every stage to listed (city level) and closed;
 * - `notRecommended`: turned down by its district;
 * - `withdrawn`: withdrawn by its district once the self-assessment window opened;
 * - `overdue`: misses the recommendation deadline (overdue, escalated), is cleared by a deadline
 *   change, misses the self-assessment deadline too, self-assesses late and does not pass.
 * The round escalates both missed deadlines, publishes the list and is promoted (closed).
 *
 * Runs on its own (`h.worker.runUntil` inside); the histories can be fetched afterwards, as long as
 * the test environment is up. Throws if the story does not go as written (no Jest needed).
 */
export interface CompactRound {
  roundId: string;
  stations: { listed: string; notRecommended: string; withdrawn: string; overdue: string };
}

const sixHaves = (): SixHavesAssessment =>
  Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: `${k} 证明材料` }])) as SixHavesAssessment;

export async function runCompactRound(h: RoundHarness): Promise<CompactRound> {
  return h.worker.runUntil(async () => {
    const env = h.env;
    const t0 = await h.now();
    const sleepUntil = async (days: number) => env.sleep(Math.max(0, t0 + days * DAY - (await h.now())));
    const round = await h.startRound({
      recommendation: at(t0, 30),
      filing: at(t0, 60),
      selfAssessmentOpens: at(t0, 240),
      selfAssessment: at(t0, 300),
      cityEvaluation: at(t0, 330),
      publication: at(t0, 355),
      promotion: at(t0, 365),
    });
    const d = { yz: '500103', dd: '500104', jb: '500105', sp: '500106' };
    const L = await h.apply(round, '渝中区劳动关系服务站', d.yz, true);
    const N = await h.apply(round, '大渡口区职工之家', d.dd);
    const W = await h.apply(round, '江北区工作室', d.jb);
    const O = await h.apply(round, '沙坪坝区服务站', d.sp);

    // Application and recommendation (the draft is submitted first).
    await h.act(L, { type: 'submit' }, districtActor(d.yz));
    await sleepUntil(20);
    await h.act(L, { type: 'recommend', recommended: true }, districtActor(d.yz));
    await h.act(W, { type: 'recommend', recommended: true }, districtActor(d.jb));
    expectThat(
      (await h.act(N, { type: 'recommend', recommended: false, note: '材料不全' }, districtActor(d.dd))).outcome === 'not_recommended',
      'N not recommended',
    );

    // O's district misses the recommendation deadline: O is overdue, the round escalates.
    await sleepUntil(31);
    await waitFor(async () => (await h.station(O)).overdue);
    await waitFor(async () => (await h.round(round.roundId)).escalations.length === 1);

    // The city extends the recommendation deadline: O is no longer overdue and is recommended.
    const changed = await h.changeDeadlines(round.roundId, { recommendation: at(t0, 45) }, '沙坪坝区申请延期');
    expectThat(changed.calendar.version === 2, 'calendar version 2');
    await waitFor(async () => {
      const o = await h.station(O);
      return o.calendarVersion === 2 && !o.overdue;
    });
    await h.act(O, { type: 'recommend', recommended: true }, districtActor(d.sp));

    // Filing, close to the filing deadline.
    await sleepUntil(55);
    expectThat((await h.act(L, { type: 'file', filed: true, level: 'city' }, CITY)).stage === 'cultivation', 'L filed');
    for (const id of [W, O]) await h.act(id, { type: 'file', filed: true, level: 'district' }, CITY);

    // The self-assessment window opens by the calendar; W withdraws.
    await sleepUntil(241);
    for (const id of [L, W, O]) await waitFor(async () => (await h.station(id)).stage === 'self_assessment');
    expectThat((await h.act(W, { type: 'withdraw', reason: '承担单位撤销' }, districtActor(d.jb))).outcome === 'withdrawn', 'W withdrawn');
    await sleepUntil(290);
    expectThat(
      (await h.act(L, { type: 'self_assess', sixHaves: sixHaves(), summary: '六有基本达标' }, districtActor(d.yz))).stage ===
        'city_evaluation',
      'L self-assessed',
    );

    // O misses the self-assessment deadline, then self-assesses late.
    await sleepUntil(301);
    await waitFor(async () => (await h.station(O)).overdue);
    await waitFor(async () => (await h.round(round.roundId)).escalations.length === 2);
    await h.act(O, { type: 'self_assess', sixHaves: sixHaves(), summary: '逾期提交自评' }, districtActor(d.sp));

    // City evaluation, publication, promotion, each shortly before its deadline.
    await sleepUntil(325);
    await h.act(L, { type: 'evaluate', passed: true, comments: '成效明显' }, CITY);
    expectThat(
      (await h.act(O, { type: 'evaluate', passed: false, comments: '制度不健全' }, CITY)).outcome === 'not_passed',
      'O not passed',
    );
    await sleepUntil(350);
    const published = await h.publish(round.roundId, '渝人社〔2024〕1号');
    expectThat(published.publication?.listed === 1, 'one station listed');
    await sleepUntil(360);
    expectThat((await h.promote(round.roundId, '全市推广经验')).status === 'closed', 'round closed');

    // Every workflow has completed with the expected outcome.
    const expected: [string, StationState['outcome'], StationState['level']][] = [
      [L, 'listed', 'city'],
      [N, 'not_recommended', null],
      [W, 'withdrawn', 'district'],
      [O, 'not_passed', 'district'],
    ];
    for (const [id, outcome, level] of expected) {
      const final: StationState = await env.client.workflow.getHandle(`station-${id}`).result();
      expectThat(
        final.stage === 'closed' && final.outcome === outcome && final.level === level,
        `station ${id}: closed/${outcome}/${level}, got ${final.stage}/${final.outcome}/${final.level}`,
      );
    }
    const final = await env.client.workflow.getHandle(`round-${round.roundId}`).result();
    expectThat(final.escalations.map((e: { key: string }) => e.key).join() === 'recommendation,selfAssessment', 'two escalations');
    return { roundId: round.roundId, stations: { listed: L, notRecommended: N, withdrawn: W, overdue: O } };
  });
}

function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(`compact round: expected ${what}`);
}
