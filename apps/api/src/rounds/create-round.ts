import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  assertRoundDates,
  resolveReminderPolicy,
  resolveServiceCutoff,
  resolveStarRatingSettings,
  RoundState,
  validateRoundDeadlines,
} from '@app/domain';
import { actorOf, Principal } from '../auth/principal';
import { ContactsToStore } from '../common/contacts';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { toInstants } from './round-dates';
import { RoundRepository } from './round.repository';
import { RoundViews } from './round-view';
import type { CreateRoundDto } from './rounds.dto';

/** 新建批次: the round's row first (its code must be free), then its workflow. */
@Injectable()
export class CreateRound {
  private readonly log = new Logger('Rounds');

  constructor(
    private readonly rounds: RoundRepository,
    private readonly views: RoundViews,
    private readonly workflows: WorkflowGateway,
    private readonly contacts: ContactsToStore,
  ) {}

  async execute(dto: CreateRoundDto, principal: Principal) {
    const state = { ...newRound(dto, principal), cityContacts: this.contacts.of(dto.cityContacts, [], (i) => `cityContacts.${i}`) };
    if (!(await this.rounds.insertCreated(state))) throw new ApiError('ROUND.CODE_TAKEN', `批次代码 ${dto.code} 已存在`);
    try {
      await this.workflows.startRound(state);
    } catch (e) {
      await this.rounds.delete(state.roundId);
      throw e;
    }
    this.log.log(`round ${state.code} (${state.roundId}) created by ${principal.label}`);
    return this.views.of(await this.rounds.get(state.roundId));
  }
}

/** The round's first state, its dates and policies checked and completed by the domain. */
function newRound(dto: CreateRoundDto, principal: Principal): RoundState {
  // The DTO checks the same; the domain's rule is the one the workflow holds to.
  assertRoundDates({ ...dto.deadlines });
  if (dto.serviceCutoff !== undefined) assertRoundDates({ serviceCutoff: dto.serviceCutoff }, '');
  const deadlines = validateRoundDeadlines(toInstants(dto.deadlines as unknown as Record<string, string | null>), dto.programme);
  const starRating = dto.programme === 'star-rating';
  if (!starRating && dto.starRating !== undefined) {
    throw new ApiError('VALIDATION_FAILED', 'starRating 只用于星级评定批次', ['starRating: only for star-rating rounds']);
  }
  return {
    roundId: randomUUID(),
    code: dto.code,
    name: dto.name,
    programme: dto.programme,
    status: 'open',
    calendar: { version: 1, deadlines, ...(starRating ? { programme: dto.programme } : {}) },
    ...resolveServiceCutoff(dto.serviceCutoff, deadlines, dto.programme),
    reminderPolicy: resolveReminderPolicy(dto.reminders, { capOffsets: true }),
    cityContacts: dto.cityContacts,
    ...(starRating ? { starRating: resolveStarRatingSettings(dto.starRating, deadlines) } : {}),
    changes: [],
    escalations: [],
    publication: null,
    promotion: null,
    createdBy: actorOf(principal),
    createdAt: new Date().toISOString(),
    version: 1,
  };
}
