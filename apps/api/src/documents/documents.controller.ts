import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DOCX_TYPE } from '@app/documents';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { download } from '../exports/exports.controller';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { ApplicationDocument } from './application-document.query';

/** Word documents offices print, sign and stamp (the round's tables in Word are under its exports). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class DocumentsController {
  constructor(private readonly applicationDocument: ApplicationDocument) {}

  @Get('stations/:id/documents/application.docx')
  @ApiIdParam('station')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '申请书（附件2，Word）',
    description:
      'The annex-2 application form of 渝人社〔2023〕474号, filled in from the station’s application: the cover, the filling notes, the form’s table ' +
      'and the four units’ opinion boxes to sign and stamp. Scoped like the station (404 outside the scope); 409 ROUND.WRONG_PROGRAMME for a star-rating station.',
  })
  @ApiProduces(DOCX_TYPE)
  @ApiOkResponse({ description: 'the .docx, as an attachment named after the station', schema: S.File })
  async application(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<StreamableFile> {
    return download(await this.applicationDocument.execute(id, p));
  }
}
