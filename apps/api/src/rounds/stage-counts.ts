import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STAGES } from '@app/domain';
import { StationEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';

export interface CountScope {
  districtCode?: string | null;
  stationId?: string | null;
}

/**
 * Counts per stage (and per district × stage) of a round's stations, from the projection, within
 * what the caller may see: a district counts its own stations only, a station itself only.
 */
@Injectable()
export class StageCounts {
  constructor(private readonly ds: DataSource) {}

  async of(roundId: string, scope: CountScope = {}) {
    const qb = this.ds
      .getRepository(StationEntity)
      .createQueryBuilder('s')
      .select('s.district_code', 'districtCode')
      .addSelect('s.stage', 'stage')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN s.overdue THEN 1 ELSE 0 END)', 'overdue')
      .where('s.round_id = :roundId', { roundId })
      .groupBy('s.district_code')
      .addGroupBy('s.stage');
    if (scope.districtCode) qb.andWhere('s.district_code = :districtCode', { districtCode: scope.districtCode });
    if (scope.stationId) qb.andWhere('s.id = :stationId', { stationId: scope.stationId });
    const rows: { districtCode: string; stage: string; count: string; overdue: string }[] = await qb.getRawMany();
    const stageCounts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<string, number>;
    const byDistrict: Record<string, Record<string, { count: number; overdue: number }>> = {};
    for (const r of rows) {
      stageCounts[r.stage] += Number(r.count);
      (byDistrict[r.districtCode] ??= {})[r.stage] = { count: Number(r.count), overdue: Number(r.overdue) };
    }
    return { stageCounts, byDistrict };
  }
}

/** What part of a round's counts a caller sees (admins, the city office and internal calls: all). */
export function countScope(p?: Principal): CountScope {
  if (p?.role === 'district') return { districtCode: p.districtCode };
  if (p?.role === 'station') return { stationId: p.stationId ?? '-' };
  return {};
}
