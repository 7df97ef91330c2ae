import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SixHavesAssessment } from '@app/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import {
  ApplicationDto,
  EmptyDto,
  EvaluationDto,
  FilingDto,
  RecommendationDto,
  SelfAssessmentDto,
  StationListQuery,
  WithdrawalDto,
} from './application.dto';
import { StationsService } from './stations.service';

@ApiTags('stations')
@ApiBearerAuth()
@Controller('api')
export class StationsController {
  constructor(private readonly stations: StationsService) {}

  @Post('rounds/:id/applications')
  @Roles('admin', 'city', 'district')
  apply(@Param('id') roundId: string, @Body() dto: ApplicationDto, @CurrentPrincipal() p: Principal) {
    return this.stations.apply(roundId, dto, p);
  }

  @Get('stations')
  list(@Query() q: StationListQuery, @CurrentPrincipal() p: Principal) {
    return this.stations.list(q, p);
  }

  @Get('stations/:id')
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.stations.get(id, p);
  }

  @Get('stations/:id/workflow')
  @Roles('admin')
  workflow(@Param('id') id: string) {
    return this.stations.workflow(id);
  }

  @Post('stations/:id/submission')
  @HttpCode(200)
  submit(@Param('id') id: string, @Body() _dto: EmptyDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'submit' }, p);
  }

  @Post('stations/:id/recommendation')
  @HttpCode(200)
  recommend(@Param('id') id: string, @Body() dto: RecommendationDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'recommend', recommended: dto.recommended, note: dto.note }, p);
  }

  @Post('stations/:id/filing')
  @HttpCode(200)
  file(@Param('id') id: string, @Body() dto: FilingDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'file', filed: dto.filed, level: dto.level, note: dto.note }, p);
  }

  @Post('stations/:id/self-assessment')
  @HttpCode(200)
  selfAssess(@Param('id') id: string, @Body() dto: SelfAssessmentDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'self_assess', sixHaves: dto.sixHaves as SixHavesAssessment, summary: dto.summary }, p);
  }

  @Post('stations/:id/evaluation')
  @HttpCode(200)
  evaluate(@Param('id') id: string, @Body() dto: EvaluationDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'evaluate', passed: dto.passed, comments: dto.comments }, p);
  }

  @Post('stations/:id/withdrawal')
  @HttpCode(200)
  withdraw(@Param('id') id: string, @Body() dto: WithdrawalDto, @CurrentPrincipal() p: Principal) {
    return this.stations.act(id, { type: 'withdraw', reason: dto.reason }, p);
  }
}
