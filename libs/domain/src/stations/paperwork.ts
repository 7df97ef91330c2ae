import { DomainError } from '../errors';
import type { RoundCalendar } from '../rounds/round-calendar';
import { validateSixHavesAssessment } from '../six-haves';
import { RETURN_ROLE_OF_STAGE, RETURN_TARGET, StationAction } from './actions';
import { record } from './history';
import { STAGE_DEADLINE, STAGE_LABELS } from './stages';
import type { ReturnNotice } from '../reminders/delivery';
import type { Actor, StationState } from './station-state';
import { payloadChecks, ROLE_LABELS, settleAction } from './transitions';

/** The paperwork of a real round (shared/API.md): send back, edit the application, the mid-term review. */
export type PaperworkAction = Extract<StationAction, { type: 'return' | 'edit_application' | 'mid_term_review' }>;

export function isPaperworkAction(action: StationAction): action is PaperworkAction {
  return action.type === 'return' || action.type === 'edit_application' || action.type === 'mid_term_review';
}

/** Fields of the application an edit may not change: the district decides whose station it is (and so who sees it). */
const FIXED_APPLICATION_FIELDS = ['districtCode'];

/**
 * The data checks of the paperwork actions, after the role and stage checks. The application's own
 * fields are validated by the API against the application form (the domain keeps no form schema).
 */
export function validatePaperworkAction(state: StationState, action: PaperworkAction, actor: Actor): void {
  const problems: string[] = [];
  const { text, bool } = payloadChecks(problems);
  switch (action.type) {
    case 'return': {
      const role = RETURN_ROLE_OF_STAGE[state.stage];
      if (actor.role !== 'admin' && actor.role !== role) {
        throw new DomainError('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能在「${STAGE_LABELS[state.stage]}」阶段退回站点`);
      }
      text('reason', action.reason, true);
      break;
    }
    case 'edit_application': {
      const changes = action.changes as unknown;
      if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) problems.push('changes: 应为对象');
      else {
        if (Object.keys(changes).length === 0) problems.push('changes: 没有要修改的内容');
        for (const f of FIXED_APPLICATION_FIELDS) {
          const value = (changes as Record<string, unknown>)[f];
          if (value !== undefined && value !== state.application[f]) problems.push(`${f}: 申报后不能改为其他区县`);
        }
      }
      break;
    }
    case 'mid_term_review':
      validateSixHavesAssessment(action.sixHaves);
      text('summary', action.summary, true, 5000);
      if (action.additional !== undefined) bool('additional', action.additional);
      if ((state.midTermReviews?.length ?? 0) > 0) {
        // At most one a round (optional); the city may add another on purpose.
        if (!action.additional) {
          throw new DomainError('STATION.MID_TERM_DONE', '本站点本批次已有中期评估；如需再次评估，请由市级以 additional: true 追加', {
            reviews: state.midTermReviews!.length,
          });
        }
        if (actor.role !== 'city' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', '只有市级可以追加中期评估');
      }
      break;
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', `数据不完整或有误：${problems.join('；')}`, problems);
}

/** Applies a paperwork action (checked by the caller). */
export function applyPaperworkAction(
  state: StationState,
  action: PaperworkAction,
  actor: Actor,
  at: Date,
  calendar: RoundCalendar,
): StationState {
  const when = at.toISOString();
  switch (action.type) {
    case 'return': {
      const toStage = RETURN_TARGET[state.stage]!;
      const returned = { by: actor.name, role: actor.role, at: when, reason: action.reason, fromStage: state.stage, toStage };
      // one step back; the deadline of that step holds again, overdue or not (the rules are unchanged)
      return settleAction(state, { ...state, stage: toStage, returned }, 'return', actor, at, action.reason, calendar);
    }
    case 'edit_application': {
      const application = { ...state.application, ...action.changes };
      const name = typeof action.changes.stationName === 'string' ? action.changes.stationName : state.name;
      // No stage changes: the deadline status (overdue) stays as it is.
      const edited = { ...state, application, name, version: state.version + 1 };
      return record(edited, 'edit_application', actor, at, state.stage, state.stage, `修改 ${Object.keys(action.changes).length} 项`);
    }
    case 'mid_term_review': {
      const review = { sixHaves: action.sixHaves, summary: action.summary, by: actor.name, role: actor.role, at: when };
      const reviewed = { ...state, midTermReviews: [...(state.midTermReviews ?? []), review], version: state.version + 1 };
      return record(reviewed, 'mid_term_review', actor, at, state.stage, state.stage, action.summary);
    }
  }
}

/** The notice of the return just applied to `state` (its last `return` history line). */
export function returnNoticeOf(state: StationState): ReturnNotice {
  const line = [...state.history].reverse().find((h) => h.action === 'return');
  const contact = state.application.contact as { email?: unknown } | undefined;
  return {
    stationId: state.stationId,
    stationName: state.name,
    roundId: state.roundId,
    districtCode: state.districtCode,
    seq: line?.seq ?? state.history.length,
    returned: state.returned!,
    deadlineKey: STAGE_DEADLINE[state.stage],
    deadline: state.nextDeadline,
    stationEmail: typeof contact?.email === 'string' && contact.email ? contact.email : null,
  };
}
