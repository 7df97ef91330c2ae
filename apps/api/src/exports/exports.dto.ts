import { IsIn, IsOptional, Matches } from 'class-validator';
import type { ExportFormat } from './spreadsheet';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export class PublishedExportQuery {
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

export class SummaryExportQuery extends PublishedExportQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' }) districtCode?: string;
  /** `recommended` (default): the stations the district recommended; `all`: every station, with its status */
  @IsOptional() @IsIn(['recommended', 'all']) include?: 'recommended' | 'all';
}

export class StarSummaryExportQuery extends PublishedExportQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: 'districtCode must be a 6-digit district code' }) districtCode?: string;
}
