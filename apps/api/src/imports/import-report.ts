/** The answer to an import: a line per row, what was accepted and why the rest was not. */
import type { ImportRow } from './import-table';
import type { RowError } from './row-errors';

export interface ImportReportRow {
  /** the row number as the spreadsheet shows it */
  row: number;
  /** the worksheet (xlsx) */
  sheet?: string;
  status: 'accepted' | 'rejected';
  stationId?: string;
  errors?: RowError[];
}

export interface ImportReport {
  dryRun: boolean;
  rows: ImportReportRow[];
  accepted: number;
  rejected: number;
  /** row errors left out of `rows` past MAX_REPORTED_ERRORS (their rows are still listed as rejected) */
  omittedErrors: number;
}

/**
 * The most row errors a report lists, in file order: a file of 1000 bad rows would otherwise be
 * answered with tens of thousands of messages. The office fixes what it sees and uploads again.
 */
export const MAX_REPORTED_ERRORS = 500;

/** A row as checked (and created, unless a dry run): what its report line is made of. */
export interface CheckedRowOutcome {
  source: Pick<ImportRow, 'row' | 'sheet'>;
  errors: RowError[];
  stationId?: string;
}

/** One line per row, in file order; row errors up to MAX_REPORTED_ERRORS, the rest counted. */
export function reportOf(checked: readonly CheckedRowOutcome[], dryRun: boolean): ImportReport {
  let listed = 0;
  const rows = checked.map(({ source, errors, stationId }): ImportReportRow => {
    const shown = errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - listed));
    listed += shown.length;
    return {
      row: source.row,
      ...(source.sheet ? { sheet: source.sheet } : {}),
      status: errors.length ? 'rejected' : 'accepted',
      ...(stationId ? { stationId } : {}),
      ...(shown.length ? { errors: shown } : {}),
    };
  });
  const accepted = rows.filter((r) => r.status === 'accepted').length;
  const omittedErrors = checked.reduce((n, r) => n + r.errors.length, 0) - listed;
  return { dryRun, rows, accepted, rejected: rows.length - accepted, omittedErrors };
}
