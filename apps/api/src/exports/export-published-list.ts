import { Injectable } from '@nestjs/common';
import { publicationsOf, type RoundState } from '@app/domain';
import { DistrictRepository } from '../districts/district.repository';
import { RoundRepository } from '../rounds/round.repository';
import type { PublishedExportQuery } from './exports.dto';
import { publishedCsvRows, publishedSheet } from './published-list';
import { exportFile, ExportFile } from './spreadsheet';
import { TableStations } from './table-stations';

/** The published list: every listed station of the round, city level first. */
@Injectable()
export class ExportPublishedList {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly districts: DistrictRepository,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: PublishedExportQuery): Promise<ExportFile> {
    const round = await this.rounds.get(roundId);
    const [stations, districts] = await Promise.all([this.stations.listed(round.id), this.districts.refs(null)]);
    const state = round.state as Partial<RoundState>;
    const publication = state.publication ?? null;
    const listRound = {
      name: round.name,
      documentNo: publication?.documentNo ?? null,
      publications: publicationsOf({ publication, publications: state.publications }),
    };
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-站点名单`, asciiName: `${round.code}-published` },
      { sheets: () => [publishedSheet(listRound, stations, districts)], csvRows: () => publishedCsvRows(stations, districts, listRound) },
    );
  }
}
