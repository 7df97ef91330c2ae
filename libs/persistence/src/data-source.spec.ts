import { openDatabase } from './data-source';
import { StationEntity } from './entities/station.entity';
import { createTestDatabase, TEST_DATABASE_KINDS } from './testing/test-databases';

describe.each(TEST_DATABASE_KINDS)('migrations on %s', (kind) => {
  it('apply, revert and apply again, leaving a usable schema', async () => {
    const db = await createTestDatabase(kind);
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      expect(await ds.showMigrations()).toBe(false);
      const tables = (await ds.createQueryRunner().getTables(['stations', 'station_events', 'rounds', 'districts', 'api_tokens'])).map(
        (t) => t.name.replace(/^public\./, ''),
      );
      expect(tables.sort()).toEqual(['api_tokens', 'districts', 'rounds', 'station_events', 'stations']);

      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
      expect(await ds.createQueryRunner().hasTable('stations')).toBe(false);
      await ds.runMigrations();

      const repo = ds.getRepository(StationEntity);
      const now = new Date().toISOString();
      await repo.insert({
        id: '00000000-0000-4000-8000-000000000001',
        roundId: 'r1',
        districtCode: '500103',
        name: '测试站点',
        stage: 'recommendation',
        outcome: null,
        level: null,
        overdue: true,
        nextDeadline: now,
        application: { stationName: '测试站点' },
        state: {},
        version: 1,
        workflowId: 'station-1',
        createdAt: now,
        updatedAt: now,
      });
      const row = await repo.findOneByOrFail({ id: '00000000-0000-4000-8000-000000000001' });
      expect(row.overdue).toBe(true);
      expect(row.application).toEqual({ stationName: '测试站点' });
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

describe.each(TEST_DATABASE_KINDS)('station projection on %s', (kind) => {
  it('applies newer versions, ignores older ones, and appends history once', async () => {
    const { StationProjectionRepository } = await import('./repositories/station-projection.repository');
    const { StationEventEntity } = await import('./entities/station-event.entity');
    const db = await createTestDatabase(kind);
    const ds = await openDatabase(db.config, { migrate: true });
    try {
      const repo = new StationProjectionRepository(ds);
      const entry = (seq: number, action: string) => ({
        seq,
        action,
        actor: '区县',
        role: 'district' as const,
        at: new Date().toISOString(),
        fromStage: null,
        toStage: 'recommendation' as const,
        note: null,
      });
      const base = {
        stationId: '00000000-0000-4000-8000-000000000002',
        roundId: 'r1',
        districtCode: '500103',
        name: '站点',
        application: { stationName: '站点' },
        stage: 'recommendation' as const,
        outcome: null,
        level: null,
        nextDeadline: null,
        overdue: false,
        overdueSince: null,
        recommendation: null,
        filing: null,
        selfAssessment: null,
        evaluation: null,
        withdrawal: null,
        publication: null,
        history: [entry(1, 'apply')],
        version: 2,
        calendarVersion: 1,
      };
      await repo.save(base);
      await repo.save({ ...base, overdue: true, version: 3, history: [entry(1, 'apply'), entry(2, 'overdue')] });
      await repo.save({ ...base, version: 2 }); // a late retry of an older write
      const row = await ds.getRepository(StationEntity).findOneByOrFail({ id: base.stationId });
      expect([row.overdue, row.version]).toEqual([true, 3]);
      const events = await ds.getRepository(StationEventEntity).find({ where: { stationId: base.stationId }, order: { seq: 'ASC' } });
      expect(events.map((e) => e.action)).toEqual(['apply', 'overdue']);
      expect(await repo.countByDistrict('r1', ['recommendation'])).toEqual([{ districtCode: '500103', count: 1 }]);
      expect(await repo.listStationIds('r1', ['recommendation'], null, 10)).toEqual([base.stationId]);
      expect(await repo.listStationIds('r1', ['recommendation'], base.stationId, 10)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
