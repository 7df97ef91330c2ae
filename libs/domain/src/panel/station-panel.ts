import { DomainError } from '../errors';
import type { Programme } from '../rounds/round-state';
import type { Stage } from '../stations/stages';
import type { Actor, Role, StationState } from '../stations/station-state';
import { validationFailed, ValidationIssue } from '../validation/issues';
import { isExpertId, MAX_EXPERTS_PER_STATION, PanelDecision, REVIEW_STAGE, StationPanel } from './panel';
import { ExpertReview, panelDecided, ReviewInput, reviewId, validateReview } from './reviews';

/**
 * The panel's actions on a station, each an Update of the station workflow like the programme's
 * own actions: the city (or the round's assignment) sets the station's experts; an assigned expert
 * submits or revises their review while the station is in the review stage.
 */
export type PanelAction = { type: 'assign_experts'; experts: string[] } | { type: 'review'; review: ReviewInput };
export type PanelActionType = PanelAction['type'];

export const PANEL_ACTION_ROLES: Readonly<Record<PanelActionType, readonly Role[]>> = {
  assign_experts: ['admin', 'city', 'system'],
  review: ['expert'],
};

/** Stages after the city's step: the panel is settled, its experts are not changed any more. */
const SETTLED_STAGES: readonly Stage[] = ['publication', 'promotion', 'closed'];

const programmeOf = (state: StationState): Programme => state.programme ?? 'six-haves';

/** Throws unless `actor` may take `action` on the station now: the role, the stage, then the data. */
export function checkPanelAction(state: StationState, action: PanelAction, actor: Actor): void {
  if (!PANEL_ACTION_ROLES[action.type]?.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', `角色 ${actor.role} 不能执行「${PANEL_ACTION_LABELS[action.type] ?? action.type}」`);
  }
  const reviewStage = REVIEW_STAGE[programmeOf(state)];
  if (action.type === 'assign_experts') {
    if (SETTLED_STAGES.includes(state.stage) || state.panel?.decision) throw panelDecided(state.stage);
    validateExpertList(action.experts);
    return;
  }
  if (!state.panel?.experts.includes(actor.id)) throw new DomainError('PANEL.NOT_ASSIGNED', '您不是该站点的评估专家');
  if (state.panel.decision || SETTLED_STAGES.includes(state.stage)) throw panelDecided(state.stage);
  if (state.stage !== reviewStage) {
    throw new DomainError('STATION.WRONG_STAGE', `站点当前处于「${state.stage}」阶段，专家评审在「${reviewStage}」阶段进行`, {
      stage: state.stage,
      allowedStages: [reviewStage],
    });
  }
  validateReview(programmeOf(state), action.review, state.starRating);
}

/** Applies a panel action (after checking it); a review is not a history line (reviews stay independent). */
export function applyPanelAction(state: StationState, action: PanelAction, actor: Actor, at: Date): StationState {
  checkPanelAction(state, action, actor);
  const when = at.toISOString();
  if (action.type === 'assign_experts') {
    const panel: StationPanel = {
      experts: [...action.experts],
      assignedAt: when,
      assignedBy: actor.name,
      reviews: state.panel?.reviews ?? [],
      decision: null,
    };
    const entry = {
      seq: state.history.length + 1,
      action: 'assign_experts',
      actor: actor.name,
      role: actor.role,
      at: when,
      fromStage: state.stage,
      toStage: state.stage,
      note: `评估专家 ${action.experts.length} 名`,
    };
    return { ...state, panel, history: [...state.history, entry], version: state.version + 1 };
  }
  const panel = state.panel!;
  const content = validateReview(programmeOf(state), action.review, state.starRating);
  const earlier = panel.reviews.find((r) => r.expertId === actor.id);
  const review: ExpertReview = {
    id: reviewId(state.stationId, actor.id),
    expertId: actor.id,
    expertName: actor.name,
    programme: programmeOf(state),
    revision: (earlier?.revision ?? 0) + 1,
    submittedAt: earlier?.submittedAt ?? when,
    revisedAt: when,
    ...content,
  };
  const reviews = earlier ? panel.reviews.map((r) => (r === earlier ? review : r)) : [...panel.reviews, review];
  return { ...state, panel: { ...panel, reviews }, version: state.version + 1 };
}

/** The reviews that count: those of the station's current experts. */
export function currentReviews(panel: StationPanel | undefined): ExpertReview[] {
  if (!panel) return [];
  return panel.reviews.filter((r) => panel.experts.includes(r.expertId));
}

/**
 * When a station leaves its review stage (the city decides, or it is withdrawn), its panel records
 * the decision and the reviews it rests on; after that no review is taken. Called by the station
 * transitions for every action.
 */
export function settlePanel(before: StationState, next: StationState, action: string, actor: Actor, at: Date): StationState {
  const panel = before.panel;
  if (!panel || panel.decision || before.stage !== REVIEW_STAGE[programmeOf(before)] || next.stage === before.stage) return next;
  const decision: PanelDecision = { action, at: at.toISOString(), by: actor.name, reviewIds: currentReviews(panel).map((r) => r.id) };
  return { ...next, panel: { ...panel, decision } };
}

function validateExpertList(experts: unknown): void {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(experts)) issues.push({ field: 'experts', message: '应为专家用户 id 的数组' });
  else {
    if (experts.length > MAX_EXPERTS_PER_STATION) issues.push({ field: 'experts', message: `每站最多 ${MAX_EXPERTS_PER_STATION} 名专家` });
    experts.forEach((id, i) => {
      if (!isExpertId(id)) issues.push({ field: `experts.${i}`, message: '应为专家用户 id' });
      else if (experts.indexOf(id) !== i) issues.push({ field: `experts.${i}`, message: `专家 ${id} 重复` });
    });
  }
  if (issues.length > 0) throw validationFailed(`专家名单有误：${issues.map((i) => `${i.field}: ${i.message}`).join('；')}`, issues);
}

export const PANEL_ACTION_LABELS: Readonly<Record<PanelActionType, string>> = { assign_experts: '指派评估专家', review: '专家评审' };
