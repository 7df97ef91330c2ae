import * as path from 'node:path';
import { FIVE_STAR_SHEET, LOW_SHEET } from '@app/domain/testing';
import { openDatabase, StationExpertEntity } from '@app/persistence';
import { TEST_DATABASE_KINDS } from '@app/persistence/testing';
import { useService } from './support/service';
import { SIX_HAVES, World } from './support/world';

jest.setTimeout(600_000);

const NOT_MET = Object.fromEntries(Object.entries(SIX_HAVES).map(([k, v]) => [k, { ...v, status: k === 'team' ? 'not_met' : 'met' }]));

/**
 * The city's expert panel over HTTP (shared/API.md "The city's expert panel"): assignment with its
 * exclusions and balance, experts confined to their stations, independent reviews, the aggregate
 * of both programmes, and no review once the city has decided.
 */
describe.each(TEST_DATABASE_KINDS)('the expert panel on %s', (kind) => {
  const service = useService(kind);

  it('assigns, confines, aggregates and closes with the decision (six haves)', async () => {
    const svc = service();
    const w = new World(svc);
    const roundId = await w.round();
    const districts = ['500103', '500103', '500104', '500105'];
    const stations: string[] = [];
    for (const d of districts) stations.push(await w.station(roundId, 'city_evaluation', d));
    const districtOf = Object.fromEntries(stations.map((s, i) => [s, districts[i]]));
    // experts for programs: an expert token's id is the expert, its district code the district of origin
    const experts = [
      await w.token('expert', { districtCode: '500103' }),
      await w.token('expert', { districtCode: '500104' }),
      await w.token('expert'),
      await w.token('expert'),
    ];
    const [e1, e2, e3, e4] = experts;
    const origin: Record<string, string | undefined> = { [e1.id]: '500103', [e2.id]: '500104' };

    const unknown = await svc.request('PUT', `/api/rounds/${roundId}/panel`, {
      experts: ['nobody'],
      perStation: 2,
      excludeSameDistrict: true,
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'PANEL.UNKNOWN_EXPERT']);
    const notSet = await svc.request('POST', `/api/rounds/${roundId}/panel/assign`);
    expect([notSet.status, notSet.body.code]).toEqual([409, 'PANEL.NOT_SET']);
    const panel = await w.ok('PUT', `/api/rounds/${roundId}/panel`, {
      experts: experts.map((e) => e.id),
      perStation: 2,
      excludeSameDistrict: true,
      conflicts: [{ expertId: e4.id, districtCode: '500105', reason: '曾在该区任职' }],
    });
    expect(panel.members).toHaveLength(4);

    // Assignment: two experts each, none from the station's district, none against a recorded conflict, balanced.
    const { assignments, shortfalls } = await w.ok('POST', `/api/rounds/${roundId}/panel/assign`);
    expect(shortfalls).toEqual([]);
    expect(assignments.map((a: { stationId: string }) => a.stationId).sort()).toEqual([...stations].sort());
    const load: Record<string, number> = {};
    for (const a of assignments as { stationId: string; experts: string[] }[]) {
      expect(new Set(a.experts).size).toBe(2);
      for (const e of a.experts) {
        expect(origin[e]).not.toBe(districtOf[a.stationId]);
        if (e === e4.id) expect(districtOf[a.stationId]).not.toBe('500105');
        load[e] = (load[e] ?? 0) + 1;
      }
    }
    expect(Math.max(...Object.values(load)) - Math.min(...Object.values(load))).toBeLessThanOrEqual(1);
    // assigning again changes nothing: every station has its experts
    expect((await w.ok('POST', `/api/rounds/${roundId}/panel/assign`)).assignments).toEqual([]);

    // A manual change must keep out conflicts.
    const yuzhong = stations[0];
    const conflict = await svc.request('PUT', `/api/stations/${yuzhong}/experts`, { experts: [e1.id] });
    expect([conflict.status, conflict.body.code]).toEqual([422, 'PANEL.CONFLICT']);
    expect((await w.ok('PUT', `/api/stations/${yuzhong}/experts`, { experts: [e2.id, e3.id] })).experts).toEqual([e2.id, e3.id]);

    // An expert sees only their stations: the list, the detail (404 otherwise), their to-do list.
    const assignedTo = (e: { id: string }) =>
      [...(assignments as { stationId: string; experts: string[] }[])]
        .filter((a) => (a.stationId === yuzhong ? [e2.id, e3.id] : a.experts).includes(e.id))
        .map((a) => a.stationId)
        .sort();
    const mine = await w.ok('GET', '/api/me/reviews', undefined, e3.token);
    expect(mine.items.map((i: { stationId: string }) => i.stationId).sort()).toEqual(assignedTo(e3));
    expect(mine.items[0]).toMatchObject({ stage: 'city_evaluation', review: { status: 'pending' } });
    expect(mine.items[0].dueDate).toEqual(expect.any(String));
    const listed = await w.ok('GET', `/api/stations?roundId=${roundId}`, undefined, e3.token);
    expect(listed.items.map((s: { id: string }) => s.id).sort()).toEqual(assignedTo(e3));
    const foreign = stations.find((s) => !assignedTo(e1).includes(s))!;
    expect((await svc.request('GET', `/api/stations/${foreign}`, undefined, e1.token)).status).toBe(404);
    expect((await svc.request('GET', `/api/stations/${foreign}/reviews`, undefined, e1.token)).status).toBe(404);
    const unassigned = await svc.request(
      'POST',
      `/api/stations/${foreign}/reviews`,
      { sixHaves: SIX_HAVES, recommendation: 'pass' },
      e1.token,
    );
    expect([unassigned.status, unassigned.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await svc.request('GET', `/api/stations/${yuzhong}`, undefined, e3.token)).status).toBe(200);
    // nothing else is theirs: reminders, exports, the rounds' list
    expect((await svc.request('GET', '/api/reminders', undefined, e3.token)).status).toBe(403);
    expect((await svc.request('GET', `/api/rounds/${roundId}/exports/summary?format=csv`, undefined, e3.token)).status).toBe(403);
    // only experts review; a city token cannot
    expect((await svc.request('POST', `/api/stations/${yuzhong}/reviews`, { sixHaves: SIX_HAVES, recommendation: 'pass' })).status).toBe(
      403,
    );

    // Independent reviews, revisable by their author.
    const bad = await svc.request('POST', `/api/stations/${yuzhong}/reviews`, { sixHaves: SIX_HAVES, recommendation: 'maybe' }, e2.token);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const first = await svc.request('POST', `/api/stations/${yuzhong}/reviews`, { sixHaves: SIX_HAVES, recommendation: 'fail' }, e2.token);
    expect([first.status, first.body.revision]).toEqual([201, 1]);
    const revised = await w.ok(
      'POST',
      `/api/stations/${yuzhong}/reviews`,
      { sixHaves: SIX_HAVES, recommendation: 'pass', comments: '复核后通过' },
      e2.token,
    );
    expect(revised).toMatchObject({ id: first.body.id, revision: 2, recommendation: 'pass' });
    await w.ok('POST', `/api/stations/${yuzhong}/reviews`, { sixHaves: NOT_MET, recommendation: 'fail' }, e3.token);
    const own = await w.ok('GET', `/api/stations/${yuzhong}/reviews`, undefined, e2.token);
    expect(own.reviews.map((r: { expertId: string }) => r.expertId)).toEqual([e2.id]);
    expect(own.aggregate).toBeNull();

    // The city's view: every review and the aggregate.
    const all = await w.ok('GET', `/api/stations/${yuzhong}/reviews`);
    expect(all.reviews).toHaveLength(2);
    expect(all.aggregate).toMatchObject({ count: 2, expected: 2, pass: 1, fail: 1, disagreement: true });
    expect(all.aggregate.perHave.team).toEqual({ met: 1, partly: 0, not_met: 1 });
    expect(all.aggregate.perHave.platform).toEqual({ met: 2, partly: 0, not_met: 0 });

    // The city decides; the decision records the reviews; a review after it is refused.
    await w.ok('POST', `/api/stations/${yuzhong}/evaluation`, { passed: true, comments: '依据专家评审' });
    const late = await svc.request('POST', `/api/stations/${yuzhong}/reviews`, { sixHaves: SIX_HAVES, recommendation: 'pass' }, e3.token);
    expect([late.status, late.body.code]).toEqual([409, 'PANEL.DECIDED']);
    const decided = await w.ok('GET', `/api/stations/${yuzhong}/reviews`);
    expect([...decided.decision.reviewIds].sort()).toEqual(all.reviews.map((r: { id: string }) => r.id).sort());
    const closed = await w.ok('GET', '/api/me/reviews', undefined, e3.token);
    expect(closed.items.find((i: { stationId: string }) => i.stationId === yuzhong).review.status).toBe('closed');

    // The panel's rows are a projection: reconcile rebuilds them from the workflows.
    if (kind === 'sqlite') {
      const db = await openDatabase({ type: 'sqlite', file: path.join(svc.dataDir, 'app.sqlite') }, { migrate: false });
      try {
        await db.getRepository(StationExpertEntity).delete({ roundId });
        expect((await w.ok('GET', '/api/me/reviews', undefined, e3.token)).items).toEqual([]);
        const report = await w.ok('POST', '/api/admin/reconcile', { roundId, dryRun: false });
        expect(report.repaired.map((r: { id: string; fields: string[] }) => [r.id, r.fields]).sort()).toEqual(
          [...stations].sort().map((id) => [id, ['experts']]),
        );
        expect((await w.ok('GET', '/api/me/reviews', undefined, e3.token)).items).toEqual(closed.items);
      } finally {
        await db.destroy();
      }
    }
  });

  it('scores star-rating reviews with the rubric and flags a wide spread', async () => {
    const svc = service();
    const w = new World(svc);
    const roundId = await w.starRound();
    const id = await w.starStation(roundId, 'district_review');
    await w.ok('POST', `/api/stations/${id}/district-review`, { items: FIVE_STAR_SHEET.items });
    const [a, b] = [await w.token('expert'), await w.token('expert')];
    await w.ok('PUT', `/api/rounds/${roundId}/panel`, { experts: [a.id, b.id], perStation: 2, excludeSameDistrict: true });
    const { assignments } = await w.ok('POST', `/api/rounds/${roundId}/panel/assign`);
    expect(assignments).toEqual([{ stationId: id, experts: expect.arrayContaining([a.id, b.id]) }]);

    const high = await svc.request(
      'POST',
      `/api/stations/${id}/reviews`,
      { items: FIVE_STAR_SHEET.items, facts: FIVE_STAR_SHEET.facts },
      a.token,
    );
    expect(high.status).toBe(201);
    expect(high.body.score).toMatchObject({ total: 97, stars: 5 });
    const invalid = await svc.request('POST', `/api/stations/${id}/reviews`, { items: { nonsense: 1 } }, b.token);
    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await w.ok('POST', `/api/stations/${id}/reviews`, { items: LOW_SHEET.items, facts: LOW_SHEET.facts }, b.token);

    const { aggregate } = await w.ok('GET', `/api/stations/${id}/reviews`);
    expect(aggregate).toMatchObject({
      count: 2,
      pass: 1,
      fail: 1,
      meanScore: 51,
      spread: { min: 5, max: 97, mean: 51, stdDev: 46 },
      disagreement: true,
    });
    expect(aggregate.perItem.signage).toEqual({ mean: 2, min: 2, max: 2, stdDev: 0 });
    expect(aggregate.disagreementReasons).toHaveLength(2);

    // The city rates: the reviews close.
    await w.ok('POST', `/api/stations/${id}/evaluation`, { items: FIVE_STAR_SHEET.items, facts: FIVE_STAR_SHEET.facts });
    const late = await svc.request('POST', `/api/stations/${id}/reviews`, { items: FIVE_STAR_SHEET.items }, b.token);
    expect([late.status, late.body.code]).toEqual([409, 'PANEL.DECIDED']);
  });
});
