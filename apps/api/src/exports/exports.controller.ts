import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DOCX_TYPE } from '@app/documents';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import * as S from '../openapi/schemas';
import { DOCUMENT_FORMATS, EXPORT_FORMATS, PublishedExportQuery, StarSummaryExportQuery, SummaryExportQuery } from './exports.dto';
import { ExportPublishedList } from './export-published-list';
import { ExportStarSummary } from './export-star-summary';
import { ExportSummary } from './export-summary';
import { contentDisposition, CSV_TYPE, ExportFile, XLSX_TYPE } from './spreadsheet';

/** A file as an attachment (routes add `Cache-Control: no-store`: the tables carry contacts' names and phones). */
export function download(file: ExportFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: contentDisposition(file), length: file.body.length });
}

@ApiTags('exports')
@ApiBearerAuth()
@ApiParam({ name: 'id', description: 'round id', schema: { type: 'string', format: 'uuid' } })
@ApiProduces(XLSX_TYPE, CSV_TYPE)
@Controller('api/rounds/:id/exports')
export class ExportsController {
  constructor(
    private readonly exportSummary: ExportSummary,
    private readonly exportStarSummary: ExportStarSummary,
    private readonly exportPublishedList: ExportPublishedList,
  ) {}

  @Get('summary')
  @Roles('admin', 'city', 'district')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '推荐站点基本信息汇总表（附件1）',
    description:
      'The stations each district recommended. xlsx: one sheet per district laid out as annex 1; csv: one flat table with a 推荐区县 column. ' +
      'A district token gets its own district (403 for another); admin and city any district, or all without districtCode.',
  })
  @ApiQuery({ name: 'districtCode', required: false, description: '6-digit district code; default: own district (district token) or all' })
  @ApiQuery({
    name: 'include',
    required: false,
    enum: ['recommended', 'all'],
    description: 'all: every station of the district, with a 当前状态 column',
  })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: DOCUMENT_FORMATS,
    description: 'xlsx (default), csv (UTF-8 with BOM) or docx (Word, annex 1)',
  })
  @ApiProduces(XLSX_TYPE, CSV_TYPE, DOCX_TYPE)
  @ApiOkResponse({ description: 'the file, as an attachment named after the round code', schema: S.File })
  async summary(@Param('id') id: string, @Query() q: SummaryExportQuery, @CurrentPrincipal() p: Principal): Promise<StreamableFile> {
    return download(await this.exportSummary.execute(id, q, p));
  }

  @Get('star-summary')
  @Roles('admin', 'city', 'district')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '星级评定汇总表（杭总工办〔2023〕30号 附件3）',
    description:
      'Star-rating rounds: per station the self score, the district re-score, the rating score and stars, why a higher star was withheld, and the exit-rule flag. ' +
      'xlsx: one sheet per district with the star counts below; csv: one flat table. Scoped like the summary: a district token gets its own district (403 for another).',
  })
  @ApiQuery({ name: 'districtCode', required: false, description: '6-digit district code; default: own district (district token) or all' })
  @ApiQuery({ name: 'format', required: false, enum: EXPORT_FORMATS, description: 'xlsx (default) or csv (UTF-8 with BOM)' })
  @ApiOkResponse({ description: 'the file, as an attachment named after the round code', schema: S.File })
  async starSummary(
    @Param('id') id: string,
    @Query() q: StarSummaryExportQuery,
    @CurrentPrincipal() p: Principal,
  ): Promise<StreamableFile> {
    return download(await this.exportStarSummary.execute(id, q, p));
  }

  @Get('published')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '站点名单（名单发布）',
    description:
      'The listed city-level and district-level stations of the round, city level first, then by district. Any role: the published list is public within the service.',
  })
  @ApiOkResponse({ description: 'the file, as an attachment named after the round code', schema: S.File })
  async published(@Param('id') id: string, @Query() q: PublishedExportQuery, @CurrentPrincipal() p: Principal): Promise<StreamableFile> {
    return download(await this.exportPublishedList.execute(id, q, p));
  }
}
