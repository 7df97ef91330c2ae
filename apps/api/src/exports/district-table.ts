import { Injectable } from '@nestjs/common';
import type { RoundEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { DistrictRepository } from '../districts/district.repository';
import { RoundRepository } from '../rounds/round.repository';

/**
 * The district a per-district table covers (the summary export, the import template): a district
 * token its own (FORBIDDEN for another), admin and city the one asked for, or every district (null).
 */
export function districtScope(requested: string | undefined, p: Principal): string | null {
  if (p.role === 'station') throw new ApiError('FORBIDDEN', '站点令牌不能使用区县汇总表');
  if (p.role !== 'district') return requested ?? null;
  if (requested && requested !== p.districtCode) throw new ApiError('FORBIDDEN', '区县只能查看和填报本区县的汇总表');
  return p.districtCode;
}

/** What a per-district table of a round covers. */
export interface DistrictTable {
  round: RoundEntity;
  /** the one district of the table, or null for all */
  only: string | null;
  districts: { code: string; name: string }[];
  /** for the file name: `-<district name>` for one district */
  suffix: string;
}

/** Reads what a per-district table covers; `check` refuses a round the table is not for. */
@Injectable()
export class DistrictTables {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly districtRows: DistrictRepository,
  ) {}

  async of(roundId: string, requested: string | undefined, p: Principal, check?: (round: RoundEntity) => void): Promise<DistrictTable> {
    const round = await this.rounds.get(roundId);
    check?.(round);
    const only = districtScope(requested, p);
    const districts = await this.districtRows.refs(only);
    return { round, only, districts, suffix: only ? `-${districts[0].name}` : '' };
  }
}
