import { Injectable } from '@nestjs/common';
import type { RoundEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { DistrictTables } from './district-table';
import type { StarSummaryExportQuery } from './exports.dto';
import { exportFile, ExportFile } from './spreadsheet';
import { isOnStarSummary, STAR_SUMMARY_TITLE, starSummaryCsvRows, starSummarySheets } from './star-summary-table';
import { groupByDistrict } from './summary-table';
import { TableStations } from './table-stations';

/** 星级评定汇总表 (star-rating rounds), per district, scoped like the annex-1 summary. */
@Injectable()
export class ExportStarSummary {
  constructor(
    private readonly tables: DistrictTables,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: StarSummaryExportQuery, p: Principal): Promise<ExportFile> {
    const { round, only, districts, suffix } = await this.tables.of(roundId, q.districtCode, p, assertStarRating);
    const stations = (await this.stations.starSummary(round.id, only)).filter(isOnStarSummary);
    const groups = groupByDistrict(stations, districts, only);
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-${STAR_SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-star-summary${only ? `-${only}` : ''}` },
      { sheets: () => starSummarySheets(groups, round.name), csvRows: () => starSummaryCsvRows(groups) },
    );
  }
}

function assertStarRating(round: RoundEntity): void {
  if (round.programme !== 'star-rating')
    throw new ApiError('ROUND.WRONG_PROGRAMME', '星级评定汇总表只用于星级评定批次', { programme: round.programme });
}
