import { Controller, Get, Header, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Audited } from '../audit/audit.decorator';
import * as S from '../openapi/schemas';
import { ApiError } from '../common/error-codes';
import { download } from '../exports/exports.controller';
import { EXPORT_FORMATS } from '../exports/exports.dto';
import { CSV_TYPE, XLSX_TYPE } from '../exports/spreadsheet';
import { ImportApplications, ImportReport } from './import-applications';
import { ImportTemplate } from './import-template';
import { MAX_IMPORT_ROWS } from './import-table';
import { ImportQuery, TemplateQuery } from './imports.dto';
import { MAX_UPLOAD_MB, SpreadsheetUploadInterceptor, UploadedSpreadsheet } from './spreadsheet-upload.interceptor';

@ApiTags('imports')
@ApiBearerAuth()
@ApiParam({ name: 'id', description: 'round id', schema: { type: 'string', format: 'uuid' } })
@Controller('api/rounds/:id/imports')
@Roles('admin', 'city', 'district')
export class ImportsController {
  constructor(
    private readonly importApplications: ImportApplications,
    private readonly importTemplate: ImportTemplate,
  ) {}

  @Post('applications')
  @HttpCode(200)
  @UseInterceptors(SpreadsheetUploadInterceptor)
  @Audited({
    action: 'round.import_applications',
    targetType: 'round',
    target: { param: 'id' },
    details: (req, result) => {
      const report = result as ImportReport;
      const stationIds = report.rows.flatMap((r) => (r.stationId && !report.dryRun ? [r.stationId] : []));
      return {
        file: (req as { file?: UploadedSpreadsheet }).file?.originalname,
        dryRun: report.dryRun,
        accepted: report.accepted,
        rejected: report.rejected,
        stationIds,
      };
    },
  })
  @ApiOperation({
    summary: '批量申报：从汇总表导入站点申请',
    description:
      `An xlsx or csv file (UTF-8 or GB18030) in the layout of GET …/imports/template, at most ${MAX_UPLOAD_MB} MB and ${MAX_IMPORT_ROWS} rows. ` +
      'Each row is checked as POST …/applications checks one application; a rejected row changes nothing, an accepted one starts its station workflow. ' +
      'A district token imports rows of its own district only. Returns a per-row report; 400 IMPORT.BAD_FILE or IMPORT.MISSING_COLUMNS for a file that cannot be read as a whole.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'true: check and report only, create nothing' })
  @ApiOkResponse({
    description:
      '{ dryRun, rows: [{ row, sheet?, status: accepted|rejected, stationId?, errors?: [{ field, message }] }], accepted, rejected }',
    schema: S.ImportReport,
  })
  applications(
    @Param('id') id: string,
    @Query() q: ImportQuery,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @CurrentPrincipal() p: Principal,
  ) {
    if (!file) throw new ApiError('IMPORT.BAD_FILE', '请以 multipart/form-data 上传文件，字段名为 file');
    return this.importApplications.execute(id, file.buffer, q.dryRun === 'true', p);
  }

  @Get('template')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '批量申报导入模板',
    description:
      'The annex-1 columns followed by the annex-2 fields an application needs; required headers highlighted, with a sheet of instructions (xlsx).',
  })
  @ApiProduces(XLSX_TYPE, CSV_TYPE)
  @ApiQuery({ name: 'format', required: false, enum: EXPORT_FORMATS })
  @ApiQuery({ name: 'districtCode', required: false, description: 'fills in 推荐区县; a district token gets its own' })
  @ApiOkResponse({ description: 'the template file, as an attachment', schema: S.File })
  async template(@Param('id') id: string, @Query() q: TemplateQuery, @CurrentPrincipal() p: Principal) {
    return download(await this.importTemplate.execute(id, q.format ?? 'xlsx', q.districtCode, p));
  }
}
