import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { HAVE_KEYS } from '@app/domain';
import { Audited } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { ATTACHMENT_PURPOSES } from './attachment-policy';
import { AttachmentQueries } from './attachment-queries';
import { AttachmentUploadInterceptor, UploadedAttachment } from './attachment-upload.interceptor';
import { AttachmentUploadDto, SweepFilesDto } from './attachments.dto';
import { ATTACHMENT_TYPES } from './content-type';
import { SweepFiles } from './sweep-files.use-case';
import { UploadAttachment } from './upload-attachment.use-case';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('api')
export class AttachmentsController {
  constructor(
    private readonly upload: UploadAttachment,
    private readonly queries: AttachmentQueries,
    private readonly sweeper: SweepFiles,
  ) {}

  @Post('stations/:id/attachments')
  @ApiIdParam('station')
  @UseInterceptors(AttachmentUploadInterceptor)
  @Audited({
    action: 'attachment.upload',
    targetType: 'station',
    target: { param: 'id' },
    details: (_req, result) => {
      const a = result as { id: string; name: string; purpose: string; sha256: string };
      return { attachmentId: a.id, name: a.name, purpose: a.purpose, sha256: a.sha256 };
    },
  })
  @ApiOperation({
    summary: '上传附件（申请书、典型案例、六有佐证材料等）',
    description:
      'multipart/form-data: `file`, `purpose`, `have`? (a six-haves key), `note`?. Those who may act on the station in its current step, and the city. ' +
      'The type is decided by the content (PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX), else 415 ATTACHMENT.TYPE_NOT_ALLOWED; above ATTACHMENT_MAX_MB (20) 413 PAYLOAD_TOO_LARGE.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'purpose'],
      properties: {
        file: { type: 'string', format: 'binary' },
        purpose: { type: 'string', enum: [...ATTACHMENT_PURPOSES] },
        have: { type: 'string', enum: [...HAVE_KEYS] },
        note: { type: 'string', maxLength: 500 },
      },
    },
  })
  @ApiCreatedResponse({ schema: S.Attachment })
  create(
    @Param('id') id: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @Body() dto: AttachmentUploadDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.upload.execute(id, file, dto, p);
  }

  @Get('stations/:id/attachments')
  @ApiIdParam('station')
  @ApiOperation({ summary: '站点的附件列表', description: 'Scoped like the station; oldest first.' })
  @ApiOkResponse({ schema: S.AttachmentList })
  list(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.queries.list(id, p);
  }

  @Get('attachments/:id')
  @ApiIdParam('attachment')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: '下载附件',
    description: 'The bytes as a download (Content-Disposition: attachment, nosniff); scoped like its station (another district’s is 404).',
  })
  @ApiProduces(...new Set(Object.values(ATTACHMENT_TYPES).map((t) => t.contentType)))
  @ApiOkResponse({ description: 'the file', schema: S.File })
  download(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.queries.download(id, p);
  }

  @Delete('attachments/:id')
  @HttpCode(204)
  @ApiIdParam('attachment')
  @Audited({ action: 'attachment.delete', targetType: 'attachment', target: { param: 'id' } })
  @ApiOperation({ summary: '删除附件', description: 'Its uploader while the station is still in the step it was added in; admin always.' })
  @ApiNoContentResponse({ description: 'deleted' })
  async remove(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.queries.remove(id, p);
  }

  @Post('admin/files/sweep')
  @HttpCode(200)
  @Roles('admin')
  @Audited({
    action: 'files.sweep',
    targetType: 'files',
    target: { fixed: 'file-store' },
    details: (_req, result) => {
      const r = result as { dryRun: boolean; files: number; bytes: number; partialUploads: number };
      return { dryRun: r.dryRun, files: r.files, bytes: r.bytes, partialUploads: r.partialUploads };
    },
  })
  @ApiOperation({
    summary: '清理附件存储（已删除附件的文件、未完成的上传）',
    description:
      'Files no attachment refers to any more, and unfinished uploads, last written more than 24 hours ago. ' +
      'Removes them only for `{"dryRun": false}`; anything else (no body, `{}`) reports what it would remove.',
  })
  @ApiOkResponse({ description: 'what was found, and removed unless a dry run', schema: S.FileSweepReport })
  sweep(@Body() dto: SweepFilesDto) {
    // @IsOptional lets null through: null is "not given", as an absent field is.
    return this.sweeper.execute({ dryRun: dto.dryRun ?? undefined });
  }
}
