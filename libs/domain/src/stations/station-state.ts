import type { StationPanel } from '../panel/panel';
import type { Programme } from '../rounds/round-state';
import type { SixHavesAssessment } from '../six-haves';
import type { StarRatingRecord } from '../star-rating/station-record';
import type { Level, Outcome, Stage } from './stages';

/** `expert`: a member of the city's evaluation panel (评估工作组), who may act on nothing but what the panel gives them. */
export const ROLES = ['admin', 'city', 'district', 'station', 'expert', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a token's label and role, or the system (timers, round-level actions). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统', role: 'system' };

/** A station sent back one step with a reason (退回修改). */
export interface StationReturn {
  by: string;
  role: Role;
  at: string;
  reason: string;
  fromStage: Stage;
  toStage: Stage;
}

/** A mid-term review (中期评估): the six haves as the reviewer saw them during cultivation. */
export interface MidTermReview {
  sixHaves: SixHavesAssessment;
  summary: string;
  by: string;
  role: Role;
  at: string;
}

/** One line of a station's history. */
export interface HistoryEntry {
  seq: number;
  action: string;
  actor: string;
  role: Role;
  at: string;
  fromStage: Stage | null;
  toStage: Stage;
  note: string | null;
}

export interface StationState {
  stationId: string;
  roundId: string;
  districtCode: string;
  name: string;
  /** the application form (申请书, annex 2) as submitted */
  application: Record<string, unknown>;
  stage: Stage;
  outcome: Outcome | null;
  level: Level | null;
  /** the deadline the station is held to in its current stage */
  nextDeadline: string | null;
  overdue: boolean;
  overdueSince: string | null;
  recommendation: { recommended: boolean; note: string | null; at: string } | null;
  filing: { filed: boolean; level: Level | null; note: string | null; at: string } | null;
  selfAssessment: { sixHaves: SixHavesAssessment; summary: string; at: string } | null;
  evaluation: {
    passed: boolean;
    comments: string | null;
    at: string;
    /** the city's judgement per have (absent in evaluations made before it was asked for) */
    sixHaves?: SixHavesAssessment;
    /** the level the city confirmed or chose (absent before it was asked for) */
    level?: Level | null;
  } | null;
  withdrawal: { reason: string; at: string } | null;
  publication: { documentNo: string | null; at: string } | null;
  /** the last time the station was sent back (退回修改); absent or null when never */
  returned?: StationReturn | null;
  /** 中期评估 during cultivation: at most one, unless the city adds another */
  midTermReviews?: MidTermReview[];
  /** absent: six-haves (states made before there was a second programme) */
  programme?: Programme;
  /** star-rating stations: the three score sheets, the stars and the exit review */
  starRating?: StarRatingRecord;
  /** the city's expert panel on this station (评估工作组): absent until experts are assigned */
  panel?: StationPanel;
  history: HistoryEntry[];
  /** increases with every change; the projection never goes back to a lower version */
  version: number;
  /** the round calendar version this state was computed with */
  calendarVersion: number;
}
