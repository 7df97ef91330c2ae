import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  checkEligibility,
  createStarRatingStation,
  EligibilityInput,
  createStation,
  RoundCalendar,
  StationState,
  validatePriorRatings,
} from '@app/domain';
import { DistrictEntity, RoundEntity, StationRepository } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import type { ApplicationDto } from './application.dto';
import { presentState } from './station.presenter';
import { StationScopePolicy } from './station-scope.policy';
import { calendarOf, starSettingsOf } from './station-rounds';
import { CalendarHandOff } from './calendar-handoff';
import type { RegistrationDto } from './star-rating.dto';

/** An application (six haves, annex 2) or a registration (star rating, 登记表). */
export type StationApplication = ApplicationDto | RegistrationDto;

/** The eligibility rules (4 and 5) of a six-haves application: 422 APPLICATION.INELIGIBLE with the reasons. */
export function assertEligible(application: EligibilityInput, serviceCutoff: string): void {
  const result = checkEligibility(application, serviceCutoff);
  if (!result.eligible) {
    throw new ApiError('APPLICATION.INELIGIBLE', `不符合申报条件：${result.reasons.map((r) => r.message).join('；')}`, result.reasons);
  }
}

/**
 * Everything a validated application must pass before anything is written: the caller's scope, a
 * known district and, unless it is a draft, eligibility. Shared with the bulk import (and its dry run).
 */
@Injectable()
export class ApplicationChecks {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: StationScopePolicy,
  ) {}

  async check(round: RoundEntity, dto: StationApplication, principal: Principal): Promise<void> {
    this.scope.assertMayApply(dto.districtCode, principal);
    if (!(await this.ds.getRepository(DistrictEntity).existsBy({ code: dto.districtCode }))) {
      throw new ApiError('VALIDATION_FAILED', `区县代码 ${dto.districtCode} 不存在`, [
        `districtCode: unknown district ${dto.districtCode}`,
      ]);
    }
    if (round.programme === 'star-rating') {
      validatePriorRatings((dto as RegistrationDto).priorRatings, starSettingsOf(round).ratingYear);
      return; // the star rating has no eligibility rules (programme template: eligibility null)
    }
    const { draft, ...application } = dto as ApplicationDto;
    if (!draft) assertEligible(application, round.serviceCutoff);
  }
}

/** Creates a station for an application that passed ApplicationChecks: its row, then its workflow. */
@Injectable()
export class CreateStation {
  private readonly log = new Logger('Stations');

  constructor(
    private readonly stations: StationRepository,
    private readonly workflows: WorkflowGateway,
    private readonly calendars: CalendarHandOff,
  ) {}

  /**
   * `catchUp: false` leaves CalendarHandOff.catchUp to the caller, which then calls it once for all
   * the stations it created (the bulk import).
   */
  async execute(round: RoundEntity, dto: StationApplication, principal: Principal, { catchUp = true } = {}) {
    const now = new Date();
    const state = initialState(round, dto, principal, now);
    const calendar = calendarOf(round);
    // Row first, so that a calendar change broadcast while the workflow starts already sees this
    // station; without its workflow the station does not exist, so the row goes again.
    await this.stations.insertPending(state, now);
    try {
      await this.workflows.startStation(state, calendar);
    } catch (e) {
      await this.stations.remove(state.stationId);
      throw e;
    }
    if (catchUp) await this.calendars.catchUp(round.id, calendar, [state.stationId]);
    this.log.log(`station ${state.name} (${state.stationId}) applied in ${state.districtCode} by ${principal.label}`);
    return presentState(state);
  }
}

/** The new station's state, by the rules of the round's programme. */
function initialState(round: RoundEntity, dto: StationApplication, principal: Principal, now: Date): StationState {
  const { draft, ...form } = dto;
  const calendar: RoundCalendar = { version: 0, deadlines: round.deadlines as RoundCalendar['deadlines'] };
  const identity = { stationId: randomUUID(), roundId: round.id, districtCode: dto.districtCode, name: dto.stationName, draft: !!draft };
  if (round.programme !== 'star-rating') return createStation({ ...identity, application: { ...form } }, actorOf(principal), now, calendar);
  const settings = starSettingsOf(round);
  const { priorRatings, ...application } = form as Omit<RegistrationDto, 'draft'>;
  return createStarRatingStation(
    { ...identity, application: { ...application }, settings, priorRatings: validatePriorRatings(priorRatings, settings.ratingYear) },
    actorOf(principal),
    now,
    { ...calendar, programme: 'star-rating' },
  );
}
