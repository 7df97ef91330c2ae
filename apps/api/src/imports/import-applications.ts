import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RoundEntity, StationEntity } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { validateDto } from '../common/validation';
import { DistrictRepository } from '../districts/district.repository';
import { DISTRICT_LABEL } from '../exports/summary-table';
import { ApplicationDto } from '../stations/application.dto';
import { ApplicationChecks, CreateStation } from '../stations/station-application';
import { CalendarHandOff } from '../stations/calendar-handoff';
import { calendarOf, StationRounds } from '../stations/station-rounds';
import { ImportReport, reportOf } from './import-report';
import { ImportRow, readImportRows, STATION_NAME } from './import-table';
import { echo, refusalErrors, rowErrorsOf, RowError } from './row-errors';
import { readSpreadsheet } from './spreadsheet-reader';

export type { ImportReport, ImportReportRow } from './import-report';

/** A row after the checks: the application to create, or why not. */
interface CheckedRow {
  source: ImportRow;
  dto: ApplicationDto | null;
  errors: RowError[];
  stationId?: string;
}

/**
 * Bulk import of applications (批量申报) from the summary-table layout. Each row goes through the
 * checks of a single application (the ApplicationDto validation, then ApplicationChecks' scope,
 * district and eligibility checks); a rejected row creates nothing, an accepted row is applied as
 * a single application is (projection row, then its station workflow).
 *
 * **Decision**: a station name already applied for in the same district and round, or repeated in
 * the file, is rejected as a duplicate, so that a file can be uploaded again after its rejected
 * rows are corrected without applying the accepted ones twice.
 */
@Injectable()
export class ImportApplications {
  private readonly log = new Logger('Imports');

  constructor(
    private readonly ds: DataSource,
    private readonly rounds: StationRounds,
    private readonly checks: ApplicationChecks,
    private readonly createStation: CreateStation,
    private readonly districts: DistrictRepository,
    private readonly calendars: CalendarHandOff,
  ) {}

  async execute(roundId: string, file: Buffer, dryRun: boolean, principal: Principal): Promise<ImportReport> {
    const round = await this.rounds.open(roundId);
    const rows = readImportRows(await readSpreadsheet(file), await this.districts.refs(null));
    const checked = await this.checkRows(round, rows, principal);
    if (!dryRun) await this.createAccepted(round, checked, principal);
    const report = reportOf(checked, dryRun);
    this.log.log(
      `import into round ${round.code} by ${principal.label}${dryRun ? ' (dry run)' : ''}: ${report.accepted} accepted, ${report.rejected} rejected`,
    );
    return report;
  }

  /** Every row through every check, in file order, before anything is written. */
  private async checkRows(round: RoundEntity, rows: ImportRow[], principal: Principal): Promise<CheckedRow[]> {
    const applied = await this.appliedNames(round.id);
    const inFile = new Map<string, ImportRow>();
    const checked: CheckedRow[] = [];
    for (const source of rows) {
      const result = await this.checkRow(round, source, principal, applied, inFile);
      if (result.dto) inFile.set(nameKey(result.dto), source);
      checked.push(result);
    }
    return checked;
  }

  private async checkRow(
    round: RoundEntity,
    source: ImportRow,
    principal: Principal,
    applied: Set<string>,
    inFile: Map<string, ImportRow>,
  ): Promise<CheckedRow> {
    const rejected = (errors: RowError[]): CheckedRow => ({ source, dto: null, errors });
    if (source.errors.length > 0) return rejected(source.errors);
    const { value: dto, issues } = await validateDto(ApplicationDto, source.application);
    if (issues.length > 0) return rejected(rowErrorsOf(issues, source.application));
    const duplicate = duplicateError(dto, applied, inFile);
    if (duplicate) return rejected([duplicate]);
    try {
      await this.checks.check(round, dto, principal);
    } catch (e) {
      const errors = refusalErrors(e);
      if (!errors) throw e;
      return rejected(errors);
    }
    return { source, dto, errors: [] };
  }

  private async appliedNames(roundId: string): Promise<Set<string>> {
    const rows = await this.ds.getRepository(StationEntity).find({ select: { districtCode: true, name: true }, where: { roundId } });
    return new Set(rows.map((r) => nameKey({ districtCode: r.districtCode, stationName: r.name })));
  }

  /**
   * Applies the accepted rows one after another. When one cannot be created (Temporal or the
   * database away), it and the rows after it are reported as not imported, and nothing of them
   * stays behind (CreateStation removes its row); the rows before it are imported.
   */
  private async createAccepted(round: RoundEntity, checked: CheckedRow[], principal: Principal): Promise<void> {
    try {
      await this.createRows(round, checked, principal);
    } finally {
      // Once for the whole file: the stations started with the calendar of `round` as read above.
      const created = checked.flatMap((row) => (row.stationId ? [row.stationId] : []));
      await this.calendars.catchUp(round.id, calendarOf(round), created).catch((e: unknown) => {
        this.log.error(`import into round ${round.code}: could not pass a calendar change on to its new stations: ${String(e)}`);
      });
    }
  }

  private async createRows(round: RoundEntity, checked: CheckedRow[], principal: Principal): Promise<void> {
    let failure: string | null = null;
    for (const row of checked) {
      if (!row.dto) continue;
      if (failure) {
        row.errors = [{ field: '*', message: `本行未导入：${failure}` }];
        continue;
      }
      try {
        row.stationId = (await this.createStation.execute(round, row.dto, principal, { catchUp: false })).id;
      } catch (e) {
        this.log.warn(`import into round ${round.code} stopped at row ${row.source.row}: ${e instanceof Error ? e.message : String(e)}`);
        failure = '服务暂时不可用，请稍后重新导入（已导入的行会作为重复站点跳过）';
        row.errors = [{ field: '*', message: `本行未导入：${failure}` }];
      }
    }
  }
}

const nameKey = (a: { districtCode: string; stationName: string }) => `${a.districtCode}\u0000${a.stationName.trim()}`;

function duplicateError(dto: ApplicationDto, applied: Set<string>, inFile: Map<string, ImportRow>): RowError | null {
  const key = nameKey(dto);
  const field = STATION_NAME.header;
  if (applied.has(key)) return { field, message: `本批次本区县已有同名站点“${echo(dto.stationName)}”，不再重复申报` };
  const earlier = inFile.get(key);
  if (!earlier) return null;
  const where = earlier.sheet ? `工作表“${earlier.sheet}”第 ${earlier.row} 行` : `第 ${earlier.row} 行`;
  return { field, message: `与${where}的站点重名（同一${DISTRICT_LABEL}）` };
}
