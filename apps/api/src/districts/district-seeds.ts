import { DataSource } from 'typeorm';
import { CHONGQING_DISTRICTS, HANGZHOU_DISTRICTS } from '@app/domain';
import { DistrictEntity } from '@app/persistence';

/** Ships the Chongqing (41) and Hangzhou (13) districts; existing rows (and their contacts) are kept. */
export async function seedDistricts(ds: DataSource): Promise<void> {
  const now = new Date().toISOString();
  const rows = [...CHONGQING_DISTRICTS, ...HANGZHOU_DISTRICTS].map((d): DistrictEntity => ({
    code: d.code,
    name: d.name,
    contacts: [],
    createdAt: now,
    updatedAt: now,
  }));
  await ds.createQueryBuilder().insert().into(DistrictEntity).values(rows).orIgnore().execute();
}
