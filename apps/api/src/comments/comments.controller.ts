import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { CommentDto } from './comments.dto';
import { StationComments } from './station-comments';

@ApiTags('comments')
@ApiBearerAuth()
@ApiIdParam('station')
@Controller('api/stations/:id/comments')
export class CommentsController {
  constructor(private readonly comments: StationComments) {}

  @Get()
  @ApiOperation({ summary: '站点的意见交流', description: 'The thread, oldest first; anyone who sees the station.' })
  @ApiOkResponse({ schema: S.CommentThread })
  thread(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.comments.thread(id, p);
  }

  @Post()
  @Audited({ action: 'station.comment', targetType: 'station', target: { param: 'id' } })
  @ApiOperation({ summary: '发表意见', description: '`{ text }` (1–2,000 characters, line breaks allowed) → the thread, oldest first.' })
  @ApiCreatedResponse({ schema: S.CommentThread })
  add(@Param('id') id: string, @Body() dto: CommentDto, @CurrentPrincipal() p: Principal) {
    return this.comments.add(id, dto.text, p);
  }
}
