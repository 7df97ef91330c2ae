/**
 * A rule of the domain was broken. `code` is stable: clients and tests match on it; the HTTP layer
 * maps it to a status (see apps/api/src/common/errors.filter.ts). `message` is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'STATION.WRONG_STAGE'
  | 'STATION.CLOSED'
  | 'STATION.MID_TERM_DONE'
  | 'APPLICATION.INELIGIBLE'
  | 'ROUND.CLOSED'
  | 'ROUND.STATIONS_OPEN'
  | 'ROUND.NOTHING_TO_PUBLISH'
  | 'ROUND.DEADLINES_INVALID'
  | 'RUBRIC.INVALID_SCORES'
  // the expert panel (panel/): a conflicting or unknown expert, a review by an expert not assigned, a review after the decision
  | 'PANEL.CONFLICT'
  | 'PANEL.NOT_ASSIGNED'
  | 'PANEL.DECIDED';

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof Error && (e as DomainError).name === 'DomainError' && typeof (e as DomainError).code === 'string';
}
