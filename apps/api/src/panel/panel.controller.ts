import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReviewInput, RoundPanelInput } from '@app/domain';
import { Audited, bodyFields } from '../audit/audit.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdParam } from '../openapi/params';
import * as S from '../openapi/schemas';
import { AssignPanel } from './assign-panel.use-case';
import { MyReviews } from './my-reviews.query';
import { PanelRounds } from './panel-rounds';
import { ReviewDto, RoundPanelDto, StationExpertsDto } from './panel.dto';
import { SetRoundPanel } from './set-round-panel.use-case';
import { SetStationExperts } from './set-station-experts.use-case';
import { StationReviews } from './station-reviews.query';
import { SubmitReview } from './submit-review.use-case';

/** The city's expert panel (评估工作组): the round's panel, assignments, the experts' reviews and their aggregate. */
@ApiTags('panel')
@ApiBearerAuth()
@Controller('api')
export class PanelController {
  constructor(
    private readonly rounds: PanelRounds,
    private readonly setRoundPanel: SetRoundPanel,
    private readonly assignPanel: AssignPanel,
    private readonly setStationExperts: SetStationExperts,
    private readonly submitReview: SubmitReview,
    private readonly stationReviews: StationReviews,
    private readonly myReviews: MyReviews,
  ) {}

  @Put('rounds/:id/panel')
  @ApiIdParam('round')
  @ApiOkResponse({ description: 'the panel, with its members', schema: S.RoundPanel })
  @Roles('admin', 'city')
  @Audited({
    action: 'round.panel_set',
    targetType: 'round',
    target: { param: 'id' },
    details: bodyFields('experts', 'perStation', 'excludeSameDistrict'),
  })
  setPanel(@Param('id') id: string, @Body() dto: RoundPanelDto, @CurrentPrincipal() p: Principal) {
    return this.setRoundPanel.execute(id, plain(dto) as RoundPanelInput, p);
  }

  @Get('rounds/:id/panel')
  @ApiIdParam('round')
  @ApiOkResponse({ description: 'the panel, with its members and their load', schema: S.RoundPanel })
  @Roles('admin', 'city')
  async getPanel(@Param('id') id: string) {
    const { panel } = await this.rounds.panelOf(id);
    return this.setRoundPanel.present(id, panel);
  }

  @Post('rounds/:id/panel/assign')
  @HttpCode(200)
  @ApiIdParam('round')
  @ApiOkResponse({ description: 'the stations that got experts, and those that could not be staffed fully', schema: S.PanelAssignment })
  @Roles('admin', 'city')
  @Audited({ action: 'round.panel_assign', targetType: 'round', target: { param: 'id' } })
  assign(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.assignPanel.execute(id, p);
  }

  @Put('stations/:id/experts')
  @ApiIdParam('station')
  @ApiOkResponse({ description: "the station's experts", schema: S.StationExperts })
  @Roles('admin', 'city')
  @Audited({ action: 'station.assign_experts', targetType: 'station', target: { param: 'id' }, details: bodyFields('experts') })
  setExperts(@Param('id') id: string, @Body() dto: StationExpertsDto, @CurrentPrincipal() p: Principal) {
    return this.setStationExperts.execute(id, dto.experts, p);
  }

  @Get('me/reviews')
  @ApiOkResponse({ description: 'the stations assigned to me', schema: S.MyReviews })
  @Roles('expert')
  mine(@CurrentPrincipal() p: Principal) {
    return this.myReviews.execute(p);
  }

  @Post('stations/:id/reviews')
  @ApiIdParam('station')
  @ApiCreatedResponse({ description: 'my review (a revision replaces the earlier one)', schema: S.ExpertReview })
  // An admin passes the guard so that a bad body or id is answered as such; only an expert reviews (SubmitReview).
  @Roles('admin', 'expert')
  @Audited({ action: 'station.review', targetType: 'station', target: { param: 'id' }, details: bodyFields('recommendation') })
  review(@Param('id') id: string, @Body() dto: ReviewDto, @CurrentPrincipal() p: Principal) {
    return this.submitReview.execute(id, plain(dto) as ReviewInput, p);
  }

  @Get('stations/:id/reviews')
  @ApiIdParam('station')
  @ApiOkResponse({ description: 'every review and the aggregate (an expert: their own review only)', schema: S.StationReviews })
  @Roles('admin', 'city', 'expert')
  reviews(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.stationReviews.execute(id, p);
  }
}

/** A validated DTO as the plain JSON the domain validates (and the workflow receives). */
const plain = (dto: object): unknown => JSON.parse(JSON.stringify(dto));
