import { IsIn, IsOptional, Matches } from 'class-validator';
import { EXPORT_FORMATS } from '../exports/exports.dto';
import type { ExportFormat } from '../exports/spreadsheet';

export class ImportQuery {
  /** `true`: check every row and report, create nothing */
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}

export class TemplateQuery {
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
  @IsOptional() @Matches(/^\d{6}$/, { message: '应为 6 位数字的区县代码' }) districtCode?: string;
}
