import { DataSource } from 'typeorm';
import type { DistrictDirectoryEntry, DistrictDirectoryPort } from '@app/domain';
import { DistrictEntity } from '../entities/district.entity';

export class DistrictDirectoryRepository implements DistrictDirectoryPort {
  constructor(private readonly ds: DataSource) {}

  async listDistricts(): Promise<DistrictDirectoryEntry[]> {
    const rows = await this.ds.getRepository(DistrictEntity).find({ order: { code: 'ASC' } });
    return rows.map((r) => ({ code: r.code, name: r.name, contacts: r.contacts }));
  }
}
