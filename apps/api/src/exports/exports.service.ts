import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { publicationsOf, type RoundState, type StationState } from '@app/domain';
import { DistrictEntity, StationEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { RoundsService } from '../rounds/rounds.service';
import { PublishedExportQuery, StarSummaryExportQuery, SummaryExportQuery } from './exports.dto';
import { PublishedStation, publishedCsvRows, publishedSheet } from './published-list';
import { exportFile, ExportFile } from './spreadsheet';
import { isOnStarSummary, STAR_SUMMARY_TITLE, StarSummaryStation, starSummaryCsvRows, starSummarySheets } from './star-summary-table';
import { DistrictRef, groupByDistrict, isOnSummaryTable, SUMMARY_TITLE, SummaryStation, summaryCsvRows, summarySheets } from './summary-table';

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

/** Downloads of a round's tables, built from the station projection. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly rounds: RoundsService,
  ) {}

  /** 推荐站点基本信息汇总表 (annex 1), per district. */
  async summary(roundId: string, q: SummaryExportQuery, p: Principal): Promise<ExportFile> {
    const round = await this.rounds.row(roundId);
    const only = districtScope(q.districtCode, p);
    const districts = await this.districts(only);
    const opts = { allStations: q.include === 'all' };
    const stations = (await this.stations({ roundId: round.id, ...(only ? { districtCode: only } : {}) })).filter((s) => opts.allStations || isOnSummaryTable(s));
    const groups = groupByDistrict(stations, districts, only);
    const suffix = only ? `-${districts[0].name}` : '';
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-${SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-summary${only ? `-${only}` : ''}` },
      { sheets: () => summarySheets(groups, opts), csvRows: () => summaryCsvRows(groups, opts) },
    );
  }

  /** 星级评定汇总表 (star-rating rounds), per district, scoped like the annex-1 summary. */
  async starSummary(roundId: string, q: StarSummaryExportQuery, p: Principal): Promise<ExportFile> {
    const round = await this.rounds.row(roundId);
    if (round.programme !== 'star-rating') throw new ApiError('ROUND.WRONG_PROGRAMME', '星级评定汇总表只用于星级评定批次', { programme: round.programme });
    const only = districtScope(q.districtCode, p);
    const districts = await this.districts(only);
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, name: true, stage: true, outcome: true, level: true, application: true, state: true, createdAt: true },
      where: { roundId: round.id, ...(only ? { districtCode: only } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const stations: StarSummaryStation[] = rows
      .map((r) => ({ ...r, starRating: (r.state as Partial<StationState>).starRating ?? null }))
      .filter(isOnStarSummary);
    const groups = groupByDistrict(stations, districts, only);
    const suffix = only ? `-${districts[0].name}` : '';
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-${STAR_SUMMARY_TITLE}${suffix}`, asciiName: `${round.code}-star-summary${only ? `-${only}` : ''}` },
      { sheets: () => starSummarySheets(groups, round.name), csvRows: () => starSummaryCsvRows(groups) },
    );
  }

  /** The published list: every listed station of the round, city level first. */
  async published(roundId: string, q: PublishedExportQuery): Promise<ExportFile> {
    const round = await this.rounds.row(roundId);
    const [stations, districts] = await Promise.all([this.listedStations(round.id), this.districts(null)]);
    const state = round.state as Partial<RoundState>;
    const publication = state.publication ?? null;
    const listRound = { name: round.name, documentNo: publication?.documentNo ?? null, publications: publicationsOf({ publication, publications: state.publications }) };
    return exportFile(
      q.format ?? 'xlsx',
      { name: `${round.code}-站点名单`, asciiName: `${round.code}-published` },
      { sheets: () => [publishedSheet(listRound, stations, districts)], csvRows: () => publishedCsvRows(stations, districts, listRound) },
    );
  }

  /** The listed stations, each with the document number of the list that published it. */
  private async listedStations(roundId: string): Promise<PublishedStation[]> {
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, name: true, level: true, application: true, state: true, createdAt: true },
      where: { roundId, outcome: 'listed' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({ ...r, documentNo: (r.state as Partial<StationState>).publication?.documentNo ?? null }));
  }

  /** One district (404 when unknown) or all of them. */
  async districts(only: string | null): Promise<DistrictRef[]> {
    const rows = await this.ds.getRepository(DistrictEntity).find({ select: { code: true, name: true }, where: only ? { code: only } : {}, order: { code: 'ASC' } });
    if (only && rows.length === 0) throw new ApiError('NOT_FOUND', `区县 ${only} 不存在`);
    return rows;
  }

  /** The projection's stations, in the order they applied; only the columns the tables need. */
  private stations(where: FindOptionsWhere<StationEntity>): Promise<SummaryStation[]> {
    return this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, name: true, stage: true, outcome: true, level: true, application: true, createdAt: true },
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
