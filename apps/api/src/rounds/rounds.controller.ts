import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { ChangeDeadlinesDto, CreateRoundDto, PromotionDto, PublicationDto } from './rounds.dto';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api/rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @Roles('admin', 'city')
  @ApiCreatedResponse({ description: 'the round; its workflow has started', schema: S.Round })
  @Audited({ action: 'round.create', targetType: 'round', target: { result: 'id' }, details: bodyFields('code', 'name', 'programme') })
  create(@Body() dto: CreateRoundDto, @CurrentPrincipal() p: Principal) {
    return this.rounds.create(dto, p);
  }

  @Get()
  @ApiOkResponse({ schema: S.listOf(S.Round) })
  list(@CurrentPrincipal() p: Principal) {
    return this.rounds.list(p);
  }

  @Get(':id')
  @ApiIdParam('round')
  @ApiOkResponse({ schema: S.Round })
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.rounds.get(id, p);
  }

  /** For admins: the round workflow as Temporal sees it (status, history, pending activities, state). */
  @Get(':id/workflow')
  @Roles('admin')
  @ApiIdParam('round')
  @ApiOkResponse({ schema: S.WorkflowDescription })
  workflow(@Param('id') id: string) {
    return this.rounds.workflow(id);
  }

  @Patch(':id/deadlines')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiOkResponse({ description: 'the round with its new dates', schema: S.Round })
  @Audited({ action: 'round.deadlines_change', targetType: 'round', target: { param: 'id' }, details: (req) => req.body })
  changeDeadlines(@Param('id') id: string, @Body() dto: ChangeDeadlinesDto, @CurrentPrincipal() p: Principal) {
    return this.rounds.changeDeadlines(id, dto, p);
  }

  @Post(':id/publication')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the round, published', schema: S.Round })
  @Audited({ action: 'round.publish', targetType: 'round', target: { param: 'id' }, details: bodyFields('documentNo') })
  publish(@Param('id') id: string, @Body() dto: PublicationDto, @CurrentPrincipal() p: Principal) {
    return this.rounds.publish(id, dto.documentNo, p);
  }

  @Post(':id/promotion')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the round, closed', schema: S.Round })
  @Audited({ action: 'round.promote', targetType: 'round', target: { param: 'id' }, details: bodyFields('summary') })
  promote(@Param('id') id: string, @Body() dto: PromotionDto, @CurrentPrincipal() p: Principal) {
    return this.rounds.promote(id, dto.summary, p);
  }
}
