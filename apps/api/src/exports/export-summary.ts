import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DistrictRepository } from '../districts/district.repository';
import { RoundRepository } from '../rounds/round.repository';
import { districtScope } from './district-scope';
import type { SummaryExportQuery } from './exports.dto';
import { exportFile, ExportFile } from './spreadsheet';
import { groupByDistrict, isOnSummaryTable, SUMMARY_TITLE, summaryCsvRows, summarySheets } from './summary-table';
import { TableStations } from './table-stations';

/** 推荐站点基本信息汇总表 (annex 1), per district. */
@Injectable()
export class ExportSummary {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly districts: DistrictRepository,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: SummaryExportQuery, p: Principal): Promise<ExportFile> {
    const round = await this.rounds.get(roundId);
    const only = districtScope(q.districtCode, p);
    const districts = await this.districts.refs(only);
    const opts = { allStations: q.include === 'all' };
    const stations = (await this.stations.summary(round.id, only)).filter((s) => opts.allStations || isOnSummaryTable(s));
    const groups = groupByDistrict(stations, districts, only);
    const suffix = only ? `-${districts[0].name}` : '';
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-${SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-summary${only ? `-${only}` : ''}` },
      { sheets: () => summarySheets(groups, opts), csvRows: () => summaryCsvRows(groups, opts) },
    );
  }
}
