import type { AwardedStars, ExitReview, PriorRating } from './exit-review';
import type { RubricRef } from './registry';
import type { ScoreResult, StationScoreValues } from './scoring';

/** One scoring of a station against the rubric: what was entered, what it scored, who and when. */
export interface ScoreSheet {
  values: StationScoreValues;
  score: ScoreResult;
  note: string | null;
  by: string;
  at: string;
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
