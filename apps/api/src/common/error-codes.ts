import { HttpStatus } from '@nestjs/common';

/** Stable error codes → HTTP status; the only place where domain codes meet HTTP. */
export const STATUS_OF_CODE: Record<string, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  'STATION.WRONG_STAGE': HttpStatus.CONFLICT,
  'STATION.CLOSED': HttpStatus.CONFLICT,
  'ROUND.CLOSED': HttpStatus.CONFLICT,
  'ROUND.CODE_TAKEN': HttpStatus.CONFLICT,
  // promotion while stations are undecided or wait for a supplementary list (details: the stations)
  'ROUND.STATIONS_OPEN': HttpStatus.CONFLICT,
  // a supplementary list with no station waiting in publication
  'ROUND.NOTHING_TO_PUBLISH': HttpStatus.CONFLICT,
  // a step of the other programme (a registration in a six-haves round)
  'ROUND.WRONG_PROGRAMME': HttpStatus.CONFLICT,
  'ROUND.DEADLINES_INVALID': HttpStatus.BAD_REQUEST,
  'APPLICATION.INELIGIBLE': HttpStatus.UNPROCESSABLE_ENTITY,
  'RUBRIC.INVALID_SCORES': HttpStatus.BAD_REQUEST,
  // the expert panel: an expert in conflict with the station or not on the panel …
  'PANEL.CONFLICT': HttpStatus.UNPROCESSABLE_ENTITY,
  // … a review by an expert the station is not assigned to …
  'PANEL.NOT_ASSIGNED': HttpStatus.FORBIDDEN,
  // … a review or a change of experts after the city has decided
  'PANEL.DECIDED': HttpStatus.CONFLICT,
  // a panel action on a round without a panel …
  'PANEL.NOT_SET': HttpStatus.CONFLICT,
  // … or a panel member the directory does not know as an expert
  'PANEL.UNKNOWN_EXPERT': HttpStatus.UNPROCESSABLE_ENTITY,
  // bulk import: the file as a whole cannot be read (type, encoding, no table, too many rows) …
  'IMPORT.BAD_FILE': HttpStatus.BAD_REQUEST,
  // … or its header lacks columns the application form requires (details: the missing headers)
  'IMPORT.MISSING_COLUMNS': HttpStatus.BAD_REQUEST,
  // … or it holds more than an import may (rows, sheets, bytes once inflated)
  'IMPORT.TOO_LARGE': HttpStatus.PAYLOAD_TOO_LARGE,
  // a token for a district or station that does not exist
  'DISTRICT.UNKNOWN': HttpStatus.UNPROCESSABLE_ENTITY,
  'STATION.UNKNOWN': HttpStatus.UNPROCESSABLE_ENTITY,
  // an Update the workflow refused without a code of its own (common/workflow-failures.ts) …
  'WORKFLOW.REJECTED': HttpStatus.CONFLICT,
  // … or could not take: its tasks are failing until an admin repairs it
  'WORKFLOW.TASK_FAILED': HttpStatus.CONFLICT,
  // people's accounts (shared/API.md, "People sign in as themselves")
  'AUTH.INVALID_CREDENTIALS': HttpStatus.UNAUTHORIZED,
  'AUTH.OTP_REQUIRED': HttpStatus.UNAUTHORIZED,
  'AUTH.OTP_INVALID': HttpStatus.UNAUTHORIZED,
  'AUTH.TOO_MANY_ATTEMPTS': HttpStatus.TOO_MANY_REQUESTS,
  'AUTH.CSRF': HttpStatus.FORBIDDEN,
  'AUTH.TOTP_ENROLMENT_REQUIRED': HttpStatus.FORBIDDEN,
  // a route for people (password, TOTP, sessions) called with a bearer token
  'AUTH.SESSION_REQUIRED': HttpStatus.FORBIDDEN,
  'AUTH.WEAK_PASSWORD': HttpStatus.BAD_REQUEST,
  'AUTH.WRONG_PASSWORD': HttpStatus.BAD_REQUEST,
  // an invitation or reset link that is unknown, used or expired
  'AUTH.LINK_INVALID': HttpStatus.GONE,
  'AUTH.TOTP_ALREADY_ENROLLED': HttpStatus.CONFLICT,
  'AUTH.TOTP_NOT_STARTED': HttpStatus.CONFLICT,
  'AUTH.OIDC_DISABLED': HttpStatus.NOT_FOUND,
  'USER.USERNAME_TAKEN': HttpStatus.CONFLICT,
  // an invitation sent again to a person who has already set a password, or whose account is disabled
  'USER.INVITATION_NOT_PENDING': HttpStatus.CONFLICT,
  // an attachment whose content (magic bytes) is none of PDF, JPEG, PNG, DOC, DOCX, XLS, XLSX
  'ATTACHMENT.TYPE_NOT_ALLOWED': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // a second mid-term review in a round, unless the city adds it on purpose (`additional: true`)
  'STATION.MID_TERM_DONE': HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** The HTTP status of a code; an unlisted domain code of a station or round is a conflict, any other a bad request. */
export function statusOfCode(code: string): number {
  return STATUS_OF_CODE[code] ?? (code.startsWith('STATION.') || code.startsWith('ROUND.') ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
}

/** An error the API raises itself with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
