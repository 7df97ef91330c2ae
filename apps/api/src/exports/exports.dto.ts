import { IsIn, IsOptional, Matches } from 'class-validator';
import type { ExportFormat } from './spreadsheet';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export class PublishedExportQuery {
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

export class SummaryExportQuery extends PublishedExportQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
  /** `recommended` (default): the stations the district recommended; `all`: every station, with its status */
  @IsOptional() @IsIn(['recommended', 'all']) include?: 'recommended' | 'all';
}

export class StarSummaryExportQuery extends PublishedExportQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
}
