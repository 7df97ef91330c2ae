import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DistrictRepository } from '../districts/district.repository';
import { districtScope } from '../exports/district-table';
import { exportFile, ExportFile, ExportFormat } from '../exports/spreadsheet';
import { StationRounds } from '../stations/station-rounds';
import { templateCsvRows, templateSheets } from './import-layout';

/** The import template for a round, for one district (its own for a district token) or several. */
@Injectable()
export class ImportTemplate {
  constructor(
    private readonly rounds: StationRounds,
    private readonly districts: DistrictRepository,
  ) {}

  async execute(roundId: string, format: ExportFormat, districtCode: string | undefined, principal: Principal): Promise<ExportFile> {
    const round = await this.rounds.open(roundId);
    const only = districtScope(districtCode, principal);
    const district = only ? (await this.districts.refs(only))[0] : null;
    const suffix = district ? `-${district.name}` : '';
    return exportFile(
      format,
      { name: `${round.code}-批量申报导入模板${suffix}`, asciiName: `${round.code}-import-template${only ? `-${only}` : ''}` },
      { sheets: () => templateSheets(district), csvRows: () => templateCsvRows() },
    );
  }
}
