import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedStationAction, bodyFields } from '../audit/audit.decorator';
import { AnyRole, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { SixHavesAssessment } from '@app/domain';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import {
  ApplicationChangesDto,
  ApplicationDto,
  EmptyDto,
  EvaluationDto,
  FilingDto,
  MidTermReviewDto,
  RecommendationDto,
  ReturnDto,
  SelfAssessmentDto,
  StationListQuery,
  WithdrawalDto,
} from './application.dto';
import { anyProgramme, districtReviewAction, evaluationAction, selfAssessmentAction } from './programme-actions';
import { DistrictReviewDto, RegistrationDto } from './star-rating.dto';
import { ApplyForStation } from './apply-for-station.use-case';
import { EditApplication } from './edit-application.use-case';
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
    private readonly editApplication: EditApplication,
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
  @AuditedStationAction('evaluate', 'passed', 'comments', 'level')
  evaluate(@Param('id') id: string, @Body() dto: EvaluationDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, evaluationAction(dto), p);
  }

  @Patch('stations/:id/application')
  @ApiIdParam('station')
  @ApiOperation({
    summary: '修改申报材料（草稿或退回修改时）',
    description:
      'Any subset of the application form (stationName, hostUnit, contact, …; not districtCode), each field validated as in the application, ' +
      'then the whole form again as at submission. Owner district and station (admin), while the station is in `application`; otherwise 409 STATION.WRONG_STAGE.',
  })
  @ApiOkResponse({ description: 'the station with the changed application', schema: S.Station })
  @AuditedStationAction('edit_application')
  edit(@Param('id') id: string, @Body() dto: ApplicationChangesDto, @CurrentPrincipal() p: Principal) {
    return this.editApplication.execute(id, dto, p);
  }

  /** 退回修改: the district sends an application back to its station, the city a recommendation back to its district. */
  @Post('stations/:id/return')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOperation({
    summary: '退回修改',
    description:
      'The district (in `recommendation`) sends the application back to `application`; the city (in `filing`) sends the station back to `recommendation`. ' +
      'The station carries `returned: { by, at, reason, fromStage, toStage }`; whoever must act again gets a mail at once. 409 STATION.WRONG_STAGE in other stages.',
  })
  @ApiOkResponse({ description: 'the station, one step back', schema: S.Station })
  @AuditedStationAction('return', 'reason')
  sendBack(@Param('id') id: string, @Body() dto: ReturnDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(id, anyProgramme({ type: 'return', reason: dto.reason }), p);
  }

  /** 中期评估 (optional): city or district, during cultivation; one a round unless the city adds another (`additional: true`). */
  @Post('stations/:id/mid-term-review')
  @HttpCode(200)
  @ApiIdParam('station')
  @ApiOperation({
    summary: '中期评估',
    description:
      'City or district, while the station is in `cultivation`: `{ sixHaves, summary }`. At most one a round: a second is 409 STATION.MID_TERM_DONE ' +
      'unless the city sends `additional: true`.',
  })
  @ApiOkResponse({ description: 'the station with its `midTermReviews`', schema: S.Station })
  @AuditedStationAction('mid_term_review', 'summary', 'additional')
  midTermReview(@Param('id') id: string, @Body() dto: MidTermReviewDto, @CurrentPrincipal() p: Principal) {
    return this.takeAction.execute(
      id,
      anyProgramme({
        type: 'mid_term_review',
        sixHaves: dto.sixHaves as SixHavesAssessment,
        summary: dto.summary,
        ...(dto.additional !== undefined ? { additional: dto.additional } : {}),
      }),
      p,
    );
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
