import type { Programme } from '../rounds/round-state';
import type { Stage } from '../stations/stages';
import type { ExpertReview } from './reviews';

/**
 * The city's expert panel (评估工作组, 渝人社〔2023〕474号 §四(五) "市协调劳动关系三方组织工作组"; the
 * Hangzhou rating's several scorers): experts who each review the stations assigned to them in the
 * city's step, so that the city decides from several independent opinions and their aggregate.
 */

/** The stage in which a programme's stations are reviewed by the panel (the city's own step). */
export const REVIEW_STAGE: Readonly<Record<Programme, Stage>> = {
  'six-haves': 'city_evaluation',
  'star-rating': 'city_rating',
};

/** The action by which the city decides after the panel (its decision records the reviews it rests on). */
export const DECIDING_ACTION: Readonly<Record<Programme, string>> = {
  'six-haves': 'evaluate',
  'star-rating': 'city_rate',
};

/**
 * A conflict of interest the city records beside the automatic district rule: the expert may not
 * review one station (`stationId`) or any station of a district (`districtCode`).
 */
export interface PanelConflict {
  expertId: string;
  stationId?: string;
  districtCode?: string;
  reason?: string;
}

/** The round's panel: its members and the assignment rules (stored in the round workflow's state). */
export interface RoundPanel {
  experts: string[];
  perStation: number;
  /** an expert never reviews a station of the district they come from (their user record's districtCode) */
  excludeSameDistrict: boolean;
  conflicts: PanelConflict[];
  updatedAt: string;
  updatedBy: string;
}

/** What the round's panel Update asks for (the API's body, validated by `validateRoundPanel`). */
export type RoundPanelInput = Pick<RoundPanel, 'experts' | 'perStation' | 'excludeSameDistrict'> & { conflicts?: PanelConflict[] };

/** The experts assigned to one station, their reviews, and the city's decision once it is taken. */
export interface StationPanel {
  experts: string[];
  assignedAt: string;
  assignedBy: string;
  /** one per expert who reviewed (the latest revision); a removed expert's review stays but no longer counts */
  reviews: ExpertReview[];
  /** set when the station leaves the review stage: the reviews the city's decision rests on */
  decision: PanelDecision | null;
}

export interface PanelDecision {
  action: string;
  at: string;
  by: string;
  reviewIds: string[];
}

export const MAX_PANEL_EXPERTS = 200;
export const MAX_EXPERTS_PER_STATION = 20;
export const MAX_EXPERT_ID = 100;

/** An expert's id: a user id (or an expert token's id); no `|`, which separates the parts of a reminder key. */
export function isExpertId(v: unknown): v is string {
  return typeof v === 'string' && /^[\w.@:-]{1,100}$/.test(v);
}
