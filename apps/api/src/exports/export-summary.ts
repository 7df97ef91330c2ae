import { Injectable } from '@nestjs/common';
import { renderTableDocument } from '@app/documents';
import type { Principal } from '../auth/principal';
import { DistrictTables } from './district-table';
import type { SummaryExportQuery } from './exports.dto';
import { exportFile, ExportFile } from './spreadsheet';
import { groupByDistrict, isOnSummaryTable, SUMMARY_TITLE, summaryCsvRows, summarySheets } from './summary-table';
import { TableStations } from './table-stations';
import { wordFile } from './word-file';

/** 推荐站点基本信息汇总表 (annex 1), per district: a workbook, CSV, or a Word document. */
@Injectable()
export class ExportSummary {
  constructor(
    private readonly tables: DistrictTables,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: SummaryExportQuery, p: Principal): Promise<ExportFile> {
    const { round, only, districts, suffix } = await this.tables.of(roundId, q.districtCode, p);
    const opts = { allStations: q.include === 'all' };
    const stations = (await this.stations.summary(round.id, only)).filter((s) => opts.allStations || isOnSummaryTable(s));
    const groups = groupByDistrict(stations, districts, only);
    const names = { name: `${round.code}-${SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-summary${only ? `-${only}` : ''}` };
    if (q.format === 'docx') {
      // the same tables as the workbook, a page per district, as annex 1 prints them
      return wordFile(await renderTableDocument(SUMMARY_TITLE, summarySheets(groups, opts), { annex: '附件1' }), names);
    }
    return exportFile(q.format ?? 'xlsx', names, {
      sheets: () => summarySheets(groups, opts),
      csvRows: () => summaryCsvRows(groups, opts),
    });
  }
}
