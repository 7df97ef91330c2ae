import { addYears, shanghaiDate } from '../calendar/shanghai-time';
import { PROGRAMME_CALENDARS, RoundDeadlines } from './round-calendar';
import type { Programme } from './round-state';

/**
 * The service cut-off (服务截止日期) that eligibility rule 4 counts a station's service up to.
 * 渝人社〔2023〕474号 §三（四） counts it "至2023年10月" with the recommendation due 2023-12-08: the
 * cut-off lies well before the deadline, at the end of October.
 */
export const DEFAULT_SERVICE_CUTOFF_MONTH_DAY = '10-31';

/**
 * **Decision** (DOMAIN.md): a round that gives no cut-off uses 31 October of the recommendation
 * deadline's year when that day lies before the deadline, else 31 October of the year before.
 * `recommendationDeadline` is an ISO instant; its Asia/Shanghai date is what counts, so a deadline
 * on 31 October itself takes the year before.
 */
export function defaultServiceCutoff(recommendationDeadline: string): string {
  const deadlineDate = shanghaiDate(new Date(recommendationDeadline));
  const sameYear = `${deadlineDate.slice(0, 4)}-${DEFAULT_SERVICE_CUTOFF_MONTH_DAY}`;
  return sameYear < deadlineDate ? sameYear : addYears(sameYear, -1);
}

/** The cut-off a new round uses, and whether it is the default (the round shows which). */
export interface ResolvedServiceCutoff {
  serviceCutoff: string;
  serviceCutoffDefault: boolean;
}

/**
 * A given cut-off is kept; without one, the default from the programme's first date (the
 * recommendation; for the star rating, the registration that plays its part). `deadlines` are
 * validated (validateRoundDeadlines), so the first date is there.
 */
export function resolveServiceCutoff(given: string | undefined, deadlines: RoundDeadlines, programme: Programme): ResolvedServiceCutoff {
  if (given !== undefined) return { serviceCutoff: given, serviceCutoffDefault: false };
  const first = deadlines[PROGRAMME_CALENDARS[programme].dates[0]] as string;
  return { serviceCutoff: defaultServiceCutoff(first), serviceCutoffDefault: true };
}
