import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContactRecord, DistrictEntity } from '@app/persistence';
import { ApiError } from '../common/error-codes';

/** Districts (区县) and their contacts. */
@Injectable()
export class DistrictRepository {
  constructor(private readonly ds: DataSource) {}

  private get rows() {
    return this.ds.getRepository(DistrictEntity);
  }

  /** By code. */
  list(): Promise<DistrictEntity[]> {
    return this.rows.find({ order: { code: 'ASC' } });
  }

  find(code: string): Promise<DistrictEntity | null> {
    return this.rows.findOneBy({ code });
  }

  exists(code: string): Promise<boolean> {
    return this.rows.existsBy({ code });
  }

  async insert(district: { code: string; name: string; contacts: ContactRecord[] }): Promise<DistrictEntity> {
    const now = new Date().toISOString();
    const row: DistrictEntity = { ...district, createdAt: now, updatedAt: now };
    await this.rows.insert(row);
    return row;
  }

  async setContacts(row: DistrictEntity, contacts: ContactRecord[]): Promise<DistrictEntity> {
    row.contacts = contacts;
    row.updatedAt = new Date().toISOString();
    return this.rows.save(row);
  }

  /** One district (NOT_FOUND when unknown) or, for null, all of them: codes and names, by code. */
  async refs(only: string | null): Promise<Pick<DistrictEntity, 'code' | 'name'>[]> {
    const rows = await this.rows.find({ select: { code: true, name: true }, where: only ? { code: only } : {}, order: { code: 'ASC' } });
    if (only && rows.length === 0) throw new ApiError('NOT_FOUND', `区县 ${only} 不存在`);
    return rows;
  }
}
