import type { AwardedStars, ExitReview, PriorRating } from './exit-review';
import type { RubricRef } from './registry';
import type { StarLevel } from './rubric';
import type { ScoreResult, StationScoreValues } from './scoring';

/** A star the city grants although a missing prerequisite withholds it, with its written reason. */
export interface StarOverride {
  stars: StarLevel;
  reason: string;
}

/**
 * One scoring of a station against the rubric: what counted (the values entered, with the
 * rubric's fact defaults filled in), what it scored, who and when; on the city's rating also the
 * star it granted despite a missing prerequisite.
 */
export interface ScoreSheet {
  values: StationScoreValues;
  score: ScoreResult;
  note: string | null;
  by: string;
  at: string;
  override?: StarOverride;
}

/**
 * What a star-rating station holds beside the common station state: the rubric version and exit
 * rule of its round, the earlier years' ratings given at registration, the three score sheets
 * (自评 → 复评 → 评定), the stars awarded and the exit review made with the city rating.
 */
export interface StarRatingRecord {
  rubric: RubricRef;
  ratingYear: number;
  exitAfterYears: number;
  priorRatings: PriorRating[];
  selfScore: ScoreSheet | null;
  districtReview: ScoreSheet | null;
  cityRating: ScoreSheet | null;
  /** from the city rating; null until then */
  stars: AwardedStars | null;
  exitReview: ExitReview | null;
}
