import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { DistrictRepository } from '../districts/district.repository';
import { RoundRepository } from '../rounds/round.repository';
import { districtScope } from './district-scope';
import type { StarSummaryExportQuery } from './exports.dto';
import { exportFile, ExportFile } from './spreadsheet';
import { isOnStarSummary, STAR_SUMMARY_TITLE, starSummaryCsvRows, starSummarySheets } from './star-summary-table';
import { groupByDistrict } from './summary-table';
import { TableStations } from './table-stations';

/** 星级评定汇总表 (star-rating rounds), per district, scoped like the annex-1 summary. */
@Injectable()
export class ExportStarSummary {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly districts: DistrictRepository,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: StarSummaryExportQuery, p: Principal): Promise<ExportFile> {
    const round = await this.rounds.get(roundId);
    if (round.programme !== 'star-rating') throw new ApiError('ROUND.WRONG_PROGRAMME', '星级评定汇总表只用于星级评定批次', { programme: round.programme });
    const only = districtScope(q.districtCode, p);
    const districts = await this.districts.refs(only);
    const stations = (await this.stations.starSummary(round.id, only)).filter(isOnStarSummary);
    const groups = groupByDistrict(stations, districts, only);
    const suffix = only ? `-${districts[0].name}` : '';
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-${STAR_SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-star-summary${only ? `-${only}` : ''}` },
      { sheets: () => starSummarySheets(groups, round.name), csvRows: () => starSummaryCsvRows(groups) },
    );
  }
}
