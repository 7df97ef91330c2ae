import { IsIn, IsOptional, Matches } from 'class-validator';
import type { ExportFormat } from './spreadsheet';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];
/** The tables offices also print and stamp come as Word documents too (libs/documents). */
export type DocumentFormat = ExportFormat | 'docx';
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [...EXPORT_FORMATS, 'docx'];

class TableExportQuery {
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

export class PublishedExportQuery {
  /** docx: the list as a notice draft (admin and city only) */
  @IsOptional() @IsIn(DOCUMENT_FORMATS) format?: DocumentFormat;
}

export class SummaryExportQuery {
  @IsOptional() @IsIn(DOCUMENT_FORMATS) format?: DocumentFormat;
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
  /** `recommended` (default): the stations the district recommended; `all`: every station, with its status */
  @IsOptional() @IsIn(['recommended', 'all']) include?: 'recommended' | 'all';
}

export class StarSummaryExportQuery extends TableExportQuery {
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
}
