import { Injectable } from '@nestjs/common';
import { renderPublishedNotice } from '@app/documents';
import { LEVEL_LABELS, LEVELS, programmePublishing, publicationsOf, type RoundState } from '@app/domain';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { DistrictRepository } from '../districts/district.repository';
import { RoundRepository } from '../rounds/round.repository';
import type { PublishedExportQuery } from './exports.dto';
import { publishedCsvRows, publishedSheet } from './published-list';
import { exportFile, ExportFile } from './spreadsheet';
import { TableStations } from './table-stations';
import { wordFile } from './word-file';

/** The published list: every listed station of the round, city level first; in Word, as the notice that publishes it. */
@Injectable()
export class ExportPublishedList {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly districts: DistrictRepository,
    private readonly stations: TableStations,
  ) {}

  async execute(roundId: string, q: PublishedExportQuery, p: Principal): Promise<ExportFile> {
    // The notice draft is the city's to issue; the list itself is public within the service.
    if (q.format === 'docx' && p.role !== 'admin' && p.role !== 'city')
      throw new ApiError('FORBIDDEN', '名单发布通知稿只有管理员和市级可以下载');
    const round = await this.rounds.get(roundId);
    const [stations, districts] = await Promise.all([this.stations.listed(round.id), this.districts.refs(null)]);
    const state = round.state as Partial<RoundState>;
    const publication = state.publication ?? null;
    const listRound = {
      name: round.name,
      documentNo: publication?.documentNo ?? null,
      publications: publicationsOf({ publication, publications: state.publications }),
    };
    const names = { name: `${round.code}-站点名单`, asciiName: `${round.code}-published` };
    if (q.format === 'docx') {
      const publishing = programmePublishing(state.programme ?? 'six-haves');
      const counts = LEVELS.map((level) => ({ label: LEVEL_LABELS[level], count: stations.filter((s) => s.level === level).length }));
      const notice = await renderPublishedNotice({
        roundName: round.name,
        documentNo: listRound.documentNo,
        issuers: publishing.issuers,
        addressees: publishing.addressees,
        counts: counts.filter((c) => c.count > 0),
        list: publishedSheet(listRound, stations, districts),
      });
      return wordFile(notice, { name: `${round.code}-站点名单（通知稿）`, asciiName: `${round.code}-published-notice` });
    }
    return exportFile(q.format ?? 'xlsx', names, {
      sheets: () => [publishedSheet(listRound, stations, districts)],
      csvRows: () => publishedCsvRows(stations, districts, listRound),
    });
  }
}
