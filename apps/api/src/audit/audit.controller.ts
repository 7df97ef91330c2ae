import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import * as S from '../openapi/schemas';
import { AuditListQuery } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'city')
  @ApiOperation({
    summary: '操作日志',
    description:
      'Every successful change made through the API, newest first: who (token id, label, role), what (action, target type and id), when, ' +
      'and for station actions the stage before and after. Filter by targetId and action; page with limit (≤ 200, default 50) and cursor.',
  })
  @ApiOkResponse({
    description: '{ items: [{ id, at, tokenId, actor, role, action, targetType, targetId, fromStage, toStage, details }], nextCursor }',
    schema: S.AuditPage,
  })
  list(@Query() q: AuditListQuery) {
    return this.audit.list(q);
  }
}
