import type { OwingStation } from '../reminders/digest';
import type { Stage } from '../stations/stages';

/** An expert as reminders and assignment need them: from their user record (or an expert token for programs). */
export interface ExpertContact {
  id: string;
  name: string;
  email: string | null;
  /** district of origin: stations of this district are not assigned to them when the panel excludes it */
  districtCode: string | null;
}

/** Who the experts are (the accounts' user records). */
export interface ExpertDirectoryPort {
  /** the experts among `ids` that exist and are active, in no particular order */
  findExperts(ids: readonly string[]): Promise<ExpertContact[]>;
}

/** A review an expert owes: the station (as a digest lists it) and the expert. */
export interface AwaitedReview {
  expertId: string;
  station: OwingStation;
}

/** The panel's projection, read by the reminder activity. */
export interface AwaitedReviewsPort {
  /** the round's stations in one of `stages` whose assigned experts have not reviewed yet */
  listAwaitedReviews(roundId: string, stages: readonly Stage[]): Promise<AwaitedReview[]>;
}
