import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { ChangeRoundDeadlines } from './change-round-deadlines';
import { CreateRound } from './create-round';
import { PromoteRound, PublishRound } from './round-lifecycle';
import { DescribeRoundWorkflow, GetRound, ListRounds } from './round-queries';
import { ChangeDeadlinesDto, CreateRoundDto, PromotionDto, PublicationDto } from './rounds.dto';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api/rounds')
export class RoundsController {
  constructor(
    private readonly createRound: CreateRound,
    private readonly listRounds: ListRounds,
    private readonly getRound: GetRound,
    private readonly describeWorkflow: DescribeRoundWorkflow,
    private readonly changeRoundDeadlines: ChangeRoundDeadlines,
    private readonly publishRound: PublishRound,
    private readonly promoteRound: PromoteRound,
  ) {}

  @Post()
  @Roles('admin', 'city')
  @ApiCreatedResponse({ description: 'the round; its workflow has started', schema: S.Round })
  @Audited({ action: 'round.create', targetType: 'round', target: { result: 'id' }, details: bodyFields('code', 'name', 'programme') })
  create(@Body() dto: CreateRoundDto, @CurrentPrincipal() p: Principal) {
    return this.createRound.execute(dto, p);
  }

  @Get()
  @ApiOkResponse({ schema: S.listOf(S.Round) })
  list(@CurrentPrincipal() p: Principal) {
    return this.listRounds.execute(p);
  }

  @Get(':id')
  @ApiIdParam('round')
  @ApiOkResponse({ schema: S.Round })
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.getRound.execute(id, p);
  }

  /** For admins: the round workflow as Temporal sees it (status, history, pending activities, state). */
  @Get(':id/workflow')
  @Roles('admin')
  @ApiIdParam('round')
  @ApiOkResponse({ schema: S.WorkflowDescription })
  workflow(@Param('id') id: string) {
    return this.describeWorkflow.execute(id);
  }

  @Patch(':id/deadlines')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiOkResponse({ description: 'the round with its new dates', schema: S.Round })
  @Audited({ action: 'round.deadlines_change', targetType: 'round', target: { param: 'id' }, details: (req) => req.body })
  changeDeadlines(@Param('id') id: string, @Body() dto: ChangeDeadlinesDto, @CurrentPrincipal() p: Principal) {
    return this.changeRoundDeadlines.execute(id, dto, p);
  }

  @Post(':id/publication')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the round, published', schema: S.Round })
  @Audited({ action: 'round.publish', targetType: 'round', target: { param: 'id' }, details: bodyFields('documentNo') })
  publish(@Param('id') id: string, @Body() dto: PublicationDto, @CurrentPrincipal() p: Principal) {
    return this.publishRound.execute(id, dto.documentNo, p);
  }

  @Post(':id/promotion')
  @Roles('admin', 'city')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the round, closed', schema: S.Round })
  @Audited({ action: 'round.promote', targetType: 'round', target: { param: 'id' }, details: bodyFields('summary') })
  promote(@Param('id') id: string, @Body() dto: PromotionDto, @CurrentPrincipal() p: Principal) {
    return this.promoteRound.execute(id, dto.summary, p);
  }
}
