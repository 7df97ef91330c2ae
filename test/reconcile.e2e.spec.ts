import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase, RoundEntity, StationEntity, StationEventEntity } from '@app/persistence';
import { eventually, settled } from './support/eventually';
import { applyFor, createRound, issueToken, RunningService } from './support/service';

jest.setTimeout(180_000);

/**
 * The projection is only a copy: when it is damaged (a lost row, an edited stage, lost history
 * lines), `POST /api/admin/reconcile` rewrites it from the workflows' own state.
 */
describe('reconcile repairs the projection from the workflows', () => {
  let svc: RunningService;
  let db: DataSource;

  beforeAll(async () => {
    svc = new RunningService();
    await svc.start();
    // The service's own SQLite file, opened beside it as an operator (or a bad script) would.
    db = await openDatabase({ type: 'sqlite', file: path.join(svc.dataDir, 'app.sqlite') }, { migrate: false });
  });
  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await svc?.cleanup();
  });

  it('restores lost rows, fields and history lines, and reports rows without a workflow', async () => {
    const day = 86_400;
    const { id: roundId } = await createRound(svc, {
      name: '对账测试批次',
      deadlinesInSeconds: {
        recommendation: 10 * day,
        selfAssessment: 20 * day,
        cityEvaluation: 30 * day,
        publication: 40 * day,
        promotion: 50 * day,
      },
      // No reminder before day 9, whatever the hour or holiday: the default policy's working-day
      // moves could bring one to 09:00 today, in the middle of the repair.
      reminders: { before: ['P1D'], onTheDay: false, after: [], repeatAfter: null, workingDaysOnly: false, sendAt: null },
    });
    const apply = (name: string) => applyFor(svc, roundId, '500103', name);
    const [lost, edited, forgotten, healthy] = [
      await apply('丢失的站'),
      await apply('被改的站'),
      await apply('缺历史的站'),
      await apply('完好的站'),
    ];
    expect((await svc.request('POST', `/api/stations/${edited}/recommendation`, { recommended: true })).status).toBe(200);
    const station = (id: string) => svc.request('GET', `/api/stations/${id}`);
    await eventually(
      () => station(edited),
      (r) => r.body.version >= 2 && r.body.history.length === 2,
    );
    await eventually(
      () => station(forgotten),
      (r) => r.body.version >= 1,
    );
    // Every workflow's own writes are in before the projection is judged and damaged.
    await settled(async () =>
      (await svc.request('GET', `/api/stations?roundId=${roundId}`)).body.items.map((s: { id: string; version: number }) => [
        s.id,
        s.version,
      ]),
    );

    // Nothing to repair in a healthy projection.
    const clean = await svc.request('POST', '/api/admin/reconcile', { roundId, dryRun: true });
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ checked: { rounds: 1, stations: 4 }, repaired: [], problems: [] });

    // Damage it: one row deleted, one stage edited back, history lines deleted, the round's status edited,
    // and a row whose workflow never existed.
    await db.getRepository(StationEventEntity).delete({ stationId: lost });
    await db.getRepository(StationEntity).delete({ id: lost });
    await db.getRepository(StationEntity).update({ id: edited }, { stage: 'recommendation' });
    await db.getRepository(StationEventEntity).delete({ stationId: forgotten });
    await db.getRepository(RoundEntity).update({ id: roundId }, { status: 'closed' });
    const orphan = '00000000-0000-4000-8000-000000000001';
    const healthyRow = await db.getRepository(StationEntity).findOneByOrFail({ id: healthy });
    await db.getRepository(StationEntity).save({ ...healthyRow, id: orphan, name: '孤儿行', workflowId: `station-${orphan}` });

    const dry = await svc.request('POST', '/api/admin/reconcile', { roundId, dryRun: true });
    expect(dry.status).toBe(200);
    const byId = (body: { repaired: { id: string; fields: string[] }[] }) => Object.fromEntries(body.repaired.map((r) => [r.id, r.fields]));
    expect(byId(dry.body)).toEqual({ [roundId]: ['status'], [lost]: ['missing'], [edited]: ['stage'], [forgotten]: ['history'] });
    expect(dry.body.problems).toEqual([expect.objectContaining({ kind: 'station', id: orphan })]);
    // A dry run writes nothing.
    expect((await db.getRepository(StationEntity).findOneByOrFail({ id: edited })).stage).toBe('recommendation');
    expect(await db.getRepository(StationEntity).existsBy({ id: lost })).toBe(false);

    // Without `dryRun: false` nothing is repaired: no body, an empty one, or a round alone only report.
    const changed = async () => ({
      edited: (await db.getRepository(StationEntity).findOneByOrFail({ id: edited })).stage,
      lost: await db.getRepository(StationEntity).existsBy({ id: lost }),
      forgotten: await db.getRepository(StationEventEntity).countBy({ stationId: forgotten }),
      round: (await db.getRepository(RoundEntity).findOneByOrFail({ id: roundId })).status,
    });
    const damaged = await changed();
    expect(damaged).toEqual({ edited: 'recommendation', lost: false, forgotten: 0, round: 'closed' });
    for (const body of [undefined, {}, { roundId }, { roundId, dryRun: true }]) {
      const report = await svc.request('POST', '/api/admin/reconcile', body);
      expect([report.status, report.body.dryRun]).toEqual([200, true]);
      expect(byId(report.body)).toMatchObject(byId(dry.body));
      expect(await changed()).toEqual(damaged);
    }

    const fixed = await svc.request('POST', '/api/admin/reconcile', { roundId, dryRun: false });
    expect(fixed.status).toBe(200);
    expect([fixed.body.dryRun, byId(fixed.body)]).toEqual([false, byId(dry.body)]);

    expect((await station(lost)).body).toMatchObject({
      name: '丢失的站',
      stage: 'recommendation',
      history: [expect.objectContaining({ action: 'apply' })],
    });
    expect((await station(edited)).body.stage).toBe('filing');
    expect((await station(forgotten)).body.history).toHaveLength(1);
    expect((await svc.request('GET', `/api/rounds/${roundId}`)).body.status).toBe('open');
    // The orphan is reported, never deleted: an admin decides what it was.
    expect(await db.getRepository(StationEntity).existsBy({ id: orphan })).toBe(true);

    const again = await svc.request('POST', '/api/admin/reconcile', { roundId, dryRun: true });
    expect(again.body.repaired).toEqual([]);
  });

  it('is for admins only and validates its body', async () => {
    const city = await issueToken(svc, 'city');
    expect((await svc.request('POST', '/api/admin/reconcile', {}, city)).status).toBe(403);
    const bad = await svc.request('POST', '/api/admin/reconcile', { roundId: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('shows admins the round workflow', async () => {
    const rounds = (await svc.request('GET', '/api/rounds')).body as { id: string }[];
    const wf = await svc.request('GET', `/api/rounds/${rounds[0].id}/workflow`);
    expect(wf.status).toBe(200);
    expect(wf.body).toMatchObject({ workflowId: `round-${rounds[0].id}`, type: 'roundWorkflow', status: 'RUNNING' });
    expect(wf.body.state.roundId).toBe(rounds[0].id);
    expect(wf.body.historyLength).toBeGreaterThan(0);
  });
});
