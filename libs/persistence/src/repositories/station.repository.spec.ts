import type { DataSource } from 'typeorm';
import { createStation, RoundCalendar, StationState } from '@app/domain';
import { openDatabase } from '../data-source';
import { StationEntity } from '../entities/station.entity';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '../testing/test-databases';
import { StationProjectionRepository } from './station-projection.repository';
import { TypeOrmStationRepository } from './station.repository';

const AT = new Date('2023-11-01T02:00:00Z');
const calendar: RoundCalendar = { version: 0, deadlines: { recommendation: '2023-12-08T15:59:59.000Z' } };
const ROUND = '10000000-0000-4000-8000-000000000000';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const station = (n: number, districtCode = '500103'): StationState =>
  createStation(
    {
      stationId: id(n),
      roundId: ROUND,
      districtCode,
      name: `站点${n}`,
      application: { contact: { email: `s${n}@example.org` } },
      draft: false,
    },
    { id: 'd', name: '区县', role: 'district' },
    AT,
    calendar,
  );

describe.each(TEST_DATABASE_KINDS)('station repository on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let stations: TypeOrmStationRepository;
  beforeEach(async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.config, { migrate: true });
    stations = new TypeOrmStationRepository(ds);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('writes the first row in the projection’s shape, at version 0, which the workflow’s projection replaces', async () => {
    const s1 = station(1);
    await stations.insertPending(s1, AT);
    const pending = await stations.findById(id(1));
    expect(pending).toMatchObject({
      id: id(1),
      workflowId: `station-${id(1)}`,
      stage: 'recommendation',
      version: 0,
      createdAt: AT.toISOString(),
    });
    expect(pending?.state).toMatchObject({ stationId: id(1), roundId: ROUND, stage: 'recommendation', version: s1.version });
    expect(await stations.history(id(1))).toEqual([]);

    await new StationProjectionRepository(ds).save(s1);
    expect(await stations.findById(id(1))).toMatchObject({ version: s1.version, createdAt: AT.toISOString() });
    expect(await stations.history(id(1))).toEqual(s1.history);

    await stations.remove(id(1));
    expect(await ds.getRepository(StationEntity).count()).toBe(0);
    expect(await stations.findById('not-an-id')).toBeNull();
  });

  it('pages by id; absent filters do not filter, and a station token sees its own station whatever the cursor', async () => {
    for (const n of [1, 2, 3]) await stations.insertPending(station(n, n === 3 ? '500105' : '500103'), AT);
    const ids = (rows: StationEntity[]) => rows.map((r) => r.id);
    expect(ids(await stations.page({ roundId: ROUND, districtCode: undefined, stage: undefined }, null, 2))).toEqual([id(1), id(2)]);
    expect(ids(await stations.page({ roundId: ROUND }, id(2), 2))).toEqual([id(3)]);
    expect(ids(await stations.page({ districtCode: '500103', overdue: false }, null, 10))).toEqual([id(1), id(2)]);
    expect(ids(await stations.page({ stationId: id(2) }, id(2), 10))).toEqual([id(2)]);
    expect(ids(await stations.page({ stationId: '' }, null, 10))).toEqual([]);
  });
});
