import { Worker } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';
import { HAVE_KEYS, SixHavesAssessment } from '../libs/domain/src';
import { DistrictEntity, OutboxMessageEntity, ReminderEntity } from '../libs/persistence/src';
import { stationWorkflowId } from './messages';
import { at, CITY, districtActor, useRoundHarness, waitFor } from './testing/round-harness';

const DISTRICT = '500103';
const sixHaves = Object.fromEntries(HAVE_KEYS.map((k) => [k, { status: 'met', evidence: '佐证' }])) as SixHavesAssessment;

/**
 * 退回修改 on the real workflow (time-skipping server, real activities, SQLite projection): the
 * district sends an application back to its station, the station edits and submits it again; the
 * city sends the recommendation back to the district, which recommends again; a mid-term review;
 * the city's evaluation per have changes the level. Each return is told to the district's contacts
 * exactly once. The recorded history replays against the current code.
 */
describe('a station sent back and submitted again', () => {
  const harness = useRoundHarness();

  it('goes back one step at a time, is edited, resubmitted, and replays', async () => {
    const h = harness();
    await h.ds.getRepository(DistrictEntity).save({
      code: DISTRICT,
      name: '渝中区',
      contacts: [{ name: '渝中区联系人', email: 'yuzhong@district.example' }],
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    } as never);
    const district = districtActor(DISTRICT);
    let id = '';
    await h.worker.runUntil(async () => {
      const t0 = await h.now();
      const round = await h.startRound({
        recommendation: at(t0, 30),
        filing: at(t0, 60),
        selfAssessment: at(t0, 300),
        cityEvaluation: at(t0, 330),
        publication: at(t0, 355),
        promotion: at(t0, 365),
      });
      id = await h.apply(round, '退回测试站', DISTRICT);

      expect(await h.refusal(id, { type: 'edit_application', changes: { hostUnit: '乙' } }, district)).toBe('STATION.WRONG_STAGE');
      const back = await h.act(id, { type: 'return', reason: '缺少盖章页' }, district);
      expect([back.stage, back.returned?.reason, back.returned?.fromStage]).toEqual(['application', '缺少盖章页', 'recommendation']);

      const edited = await h.act(
        id,
        { type: 'edit_application', changes: { hostUnit: '乙单位', stationName: '退回测试站（改）' } },
        district,
      );
      expect([edited.stage, edited.name, edited.application.hostUnit]).toEqual(['application', '退回测试站（改）', '乙单位']);
      expect((await h.act(id, { type: 'submit' }, district)).stage).toBe('recommendation');
      expect((await h.act(id, { type: 'recommend', recommended: true }, district)).stage).toBe('filing');

      expect(await h.refusal(id, { type: 'return', reason: '不行' }, district)).toBe('FORBIDDEN');
      const cityBack = await h.act(id, { type: 'return', reason: '推荐意见不完整' }, CITY);
      expect([cityBack.stage, cityBack.returned?.fromStage]).toEqual(['recommendation', 'filing']);
      expect((await h.act(id, { type: 'recommend', recommended: true, note: '已补充' }, district)).stage).toBe('filing');
      expect((await h.act(id, { type: 'file', filed: true, level: 'district' }, CITY)).stage).toBe('cultivation');

      await h.act(id, { type: 'mid_term_review', sixHaves, summary: '中期进展良好' }, district);
      expect(await h.refusal(id, { type: 'mid_term_review', sixHaves, summary: '再评' }, district)).toBe('STATION.MID_TERM_DONE');
      await h.act(id, { type: 'self_assess', sixHaves, summary: '自评' }, district);
      const evaluated = await h.act(id, { type: 'evaluate', passed: true, sixHaves, level: 'city' }, CITY);
      expect([evaluated.stage, evaluated.level, evaluated.evaluation?.level]).toEqual(['publication', 'city', 'city']);

      // each return told once, to the district's contacts (the station gave no address), stored before sent
      await waitFor(async () => (await h.ds.getRepository(ReminderEntity).countBy({ kind: 'return_notice', status: 'sent' })) === 2);
      const mails = await h.ds.getRepository(OutboxMessageEntity).find();
      const notices = mails.filter((m) => m.mail.subject.startsWith('【退回修改】'));
      expect(notices).toHaveLength(2);
      expect(notices.every((m) => m.mail.to.join() === 'yuzhong@district.example')).toBe(true);
      expect(notices.map((m) => m.mail.text).join()).toContain('缺少盖章页');
    });

    const history = await h.env.client.workflow.getHandle(stationWorkflowId(id)).fetchHistory();
    const results: ReplayResult[] = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: require.resolve('./index') }, [
      { workflowId: stationWorkflowId(id), history },
    ]))
      results.push(r);
    expect(results.map((r) => r.error)).toEqual([undefined]);
  });
});
