import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StationState } from '@app/domain';
import { StationEntity } from '@app/persistence';
import type { PublishedStation } from './published-list';
import type { StarSummaryStation } from './star-summary-table';
import type { SummaryStation } from './summary-table';

/** The projection's stations as the tables need them: in the order they applied, only the columns used. */
@Injectable()
export class TableStations {
  constructor(private readonly ds: DataSource) {}

  /** A round's stations, of one district or (null) all. */
  summary(roundId: string, districtCode: string | null): Promise<SummaryStation[]> {
    return this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, name: true, stage: true, outcome: true, level: true, application: true, createdAt: true },
      where: { roundId, ...(districtCode ? { districtCode } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The same with each station's star rating (null before it has one). */
  async starSummary(roundId: string, districtCode: string | null): Promise<StarSummaryStation[]> {
    const rows = await this.ds.getRepository(StationEntity).find({
      select: {
        id: true,
        districtCode: true,
        name: true,
        stage: true,
        outcome: true,
        level: true,
        application: true,
        state: true,
        createdAt: true,
      },
      where: { roundId, ...(districtCode ? { districtCode } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ ...r, starRating: (r.state as Partial<StationState>).starRating ?? null }));
  }

  /** The listed stations, each with the document number of the list that published it. */
  async listed(roundId: string): Promise<PublishedStation[]> {
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, name: true, level: true, application: true, state: true, createdAt: true },
      where: { roundId, outcome: 'listed' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ ...r, documentNo: (r.state as Partial<StationState>).publication?.documentNo ?? null }));
  }
}
