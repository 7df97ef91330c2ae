import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedStationAction, bodyFields } from '../audit/audit.decorator';
import { AnyRole, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
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
import { anyProgramme, districtReviewAction, evaluationAction, selfAssessmentAction } from './programme-actions';
import { DistrictReviewDto, RegistrationDto } from './star-rating.dto';
import { ApplyForStation } from './apply-for-station.use-case';
import { GetStation } from './get-station.query';
import { ListStations } from './list-stations.query';
import { RegisterStation } from './register-station.use-case';
import { StationWorkflow } from './station-workflow.query';
import { TakeStationAction } from './take-station-action.use-case';

/** An application or a registration: both create a station and are audited alike. */
const AuditedApplication = () =>
  Audited({
    action: 'station.apply',
    targetType: 'station',
    target: { result: 'id' },
    station: true,
    details: (req) => ({ roundId: req.params.id, ...bodyFields('stationName', 'districtCode', 'draft')(req) }),
  });

@ApiTags('stations')
@ApiBearerAuth()
@Controller('api')
export class StationsController {
  constructor(
    private readonly applyForStation: ApplyForStation,
    private readonly registerStation: RegisterStation,
    private readonly listStations: ListStations,
    private readonly getStation: GetStation,
    private readonly stationWorkflow: StationWorkflow,
    private readonly takeAction: TakeStationAction,
  ) {}

  @Post('rounds/:id/applications')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the station; its workflow has started', schema: S.Station })
  @Roles('admin', 'city', 'district')
  @AuditedApplication()
  apply(@Param('id') roundId: string, @Body() dto: ApplicationDto, @CurrentPrincipal() p: Principal) {
    return this.applyForStation.execute(roundId, dto, p);
  }

  /** 登记 (star-rating rounds): the registration form of 杭总工办〔2023〕30号 附件1. */
  @Post('rounds/:id/registrations')
  @ApiIdParam('round')
  @ApiCreatedResponse({ description: 'the station; its workflow has started', schema: S.Station })
  @Roles('admin', 'city', 'district')
  @AuditedApplication()
  register(@Param('id') roundId: string, @Body() dto: RegistrationDto, @CurrentPrincipal() p: Principal) {
    return this.registerStation.execute(roundId, dto, p);
  }

  @Get('stations')
  // experts too: the stations assigned to them (StationScopePolicy)
  @AnyRole()
  @ApiOkResponse({ schema: S.StationPage })
  list(@Query() q: StationListQuery, @CurrentPrincipal() p: Principal) {
    return this.listStations.execute(q, p);
  }

  @Get('stations/:id')
  // experts too: the stations assigned to them (StationScopePolicy)
  @AnyRole()
  @ApiIdParam('station')
  @ApiOkResponse({ schema: S.StationDetail })
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.getStation.execute(id, p);
  }

  @Get('stations/:id/workflow')
  @ApiIdParam('station')
  @ApiOkResponse({ schema: S.WorkflowDescription })
  @Roles('admin')
  workflow(@Param('id') id: string) {
    return this.stationWorkflow.execute(id);
  }

  @Post('stations/:id/submission')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('submit')
  submit(@Param('id') id: string, @Body() _dto: EmptyDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, anyProgramme({ type: 'submit' }), p);
  }

  @Post('stations/:id/recommendation')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('recommend', 'recommended', 'note')
  recommend(@Param('id') id: string, @Body() dto: RecommendationDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, anyProgramme({ type: 'recommend', recommended: dto.recommended, note: dto.note }), p);
  }

  @Post('stations/:id/filing')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('file', 'filed', 'level', 'note')
  file(@Param('id') id: string, @Body() dto: FilingDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, anyProgramme({ type: 'file', filed: dto.filed, level: dto.level, note: dto.note }), p);
  }

  @Post('stations/:id/self-assessment')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('self_assess', 'summary')
  selfAssess(@Param('id') id: string, @Body() dto: SelfAssessmentDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, selfAssessmentAction(dto), p);
  }

  /** 复评 (star-rating rounds): the district union re-scores the station with the rubric. */
  @Post('stations/:id/district-review')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('district_review', 'note')
  districtReview(@Param('id') id: string, @Body() dto: DistrictReviewDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, districtReviewAction(dto), p);
  }

  @Post('stations/:id/evaluation')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('evaluate', 'passed', 'comments')
  evaluate(@Param('id') id: string, @Body() dto: EvaluationDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, evaluationAction(dto), p);
  }

  @Post('stations/:id/withdrawal')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'the station after the step', schema: S.Station })
  @AuditedStationAction('withdraw', 'reason')
  withdraw(@Param('id') id: string, @Body() dto: WithdrawalDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, anyProgramme({ type: 'withdraw', reason: dto.reason }), p);
  }
}
