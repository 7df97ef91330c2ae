import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { roundIdOfWorkflow, stationIdOfWorkflow } from '@app/domain';
import type { RoundState, StationState } from '@app/domain';
import {
  RoundEntity,
  RoundProjectionRepository,
  StationEntity,
  StationEventEntity,
  StationExpertEntity,
  StationProjectionRepository,
  toRoundRow,
  toStationExpertRows,
  toStationRow,
} from '@app/persistence';
import { roundWorkflowId, stationWorkflowId } from '@app/workflows/messages';
import { WorkflowGateway } from '../common/workflow-gateway';

export type ReconcileKind = 'round' | 'station';

export interface ReconcileReport {
  dryRun: boolean;
  roundIds: string[];
  checked: { rounds: number; stations: number };
  /** Rows that differed from their workflow, with the differing fields; rewritten unless dryRun. */
  repaired: { kind: ReconcileKind; id: string; fields: string[] }[];
  /** Rows that cannot be repaired from a workflow (none exists, or it cannot answer). */
  problems: { kind: ReconcileKind; id: string; problem: string }[];
}

/** Projection columns compared with what the workflow says; `history` is the count of lines. */
const STATION_FIELDS = ['roundId', 'districtCode', 'name', 'stage', 'outcome', 'level', 'overdue', 'nextDeadline', 'version'] as const;
const ROUND_FIELDS = ['status', 'version', 'deadlines', 'reminders', 'cityContacts'] as const;

/** Stations looked at together; each costs one describe and one query on Temporal. */
const CONCURRENCY = 8;

/**
 * Repairs the TypeORM projection from the workflows, which are the authority: a row that differs
 * from its workflow's state is rewritten, a missing row or history line is restored, and a row
 * whose workflow is gone is reported, not deleted (an admin decides). Safe to run at any time:
 * the workflows keep writing newer versions over whatever this writes.
 */
@Injectable()
export class ReconcileService {
  private readonly log = new Logger('Reconcile');
  private readonly stations: StationProjectionRepository;
  private readonly rounds: RoundProjectionRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
  ) {
    this.stations = new StationProjectionRepository(ds);
    this.rounds = new RoundProjectionRepository(ds);
  }

  /**
   * Repairs only when asked in so many words (`dryRun: false`); anything else, an empty body
   * included, is a dry run that writes nothing, so that a stray or replayed POST changes nothing.
   */
  async reconcile(request: { roundId?: string; dryRun?: boolean | null }): Promise<ReconcileReport> {
    const { roundId } = request;
    const dryRun = request.dryRun !== false;
    const report: ReconcileReport = { dryRun, roundIds: [], checked: { rounds: 0, stations: 0 }, repaired: [], problems: [] };
    const roundIds = roundId ? [roundId] : await this.allRoundIds();
    for (const id of roundIds) {
      report.roundIds.push(id);
      await this.reconcileRound(id, report);
      await this.reconcileStations(id, report);
    }
    this.log.log(
      `reconciled ${roundIds.length} round(s), ${report.checked.stations} station(s): ` +
        `${report.repaired.length} ${dryRun ? 'to repair' : 'repaired'}, ${report.problems.length} problem(s)`,
    );
    return report;
  }

  private async allRoundIds(): Promise<string[]> {
    const ids = new Set((await this.ds.getRepository(RoundEntity).find({ select: { id: true } })).map((r) => r.id));
    for await (const wid of this.workflows.listRoundWorkflowIds()) ids.add(roundIdOfWorkflow(wid));
    return [...ids].sort();
  }

  private async reconcileRound(roundId: string, report: ReconcileReport): Promise<void> {
    report.checked.rounds++;
    const truth = await this.readWorkflow<RoundState>('round', roundId, roundWorkflowId(roundId), report);
    if (!truth) return;
    const row = await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId });
    const fields = row ? differing(row, toRoundRow(truth), ROUND_FIELDS) : ['missing'];
    if (fields.length === 0) return;
    report.repaired.push({ kind: 'round', id: roundId, fields });
    if (!report.dryRun) await this.rounds.repair(truth);
  }

  private async reconcileStations(roundId: string, report: ReconcileReport): Promise<void> {
    const ids = new Set((await this.ds.getRepository(StationEntity).find({ select: { id: true }, where: { roundId } })).map((r) => r.id));
    // Workflows whose projection row was lost are found through Temporal's visibility store.
    for await (const wid of this.workflows.listStationWorkflowIds(roundId)) ids.add(stationIdOfWorkflow(wid));
    const all = [...ids].sort();
    for (let i = 0; i < all.length; i += CONCURRENCY) {
      await Promise.all(all.slice(i, i + CONCURRENCY).map((id) => this.reconcileStation(id, report)));
    }
  }

  private async reconcileStation(stationId: string, report: ReconcileReport): Promise<void> {
    report.checked.stations++;
    const truth = await this.readWorkflow<StationState>('station', stationId, stationWorkflowId(stationId), report);
    if (!truth) return;
    const row = await this.ds.getRepository(StationEntity).findOneBy({ id: stationId });
    const fields = row ? differing(row, toStationRow(truth), STATION_FIELDS) : ['missing'];
    const historyLines = await this.ds.getRepository(StationEventEntity).countBy({ stationId });
    if (row && historyLines < truth.history.length) fields.push('history');
    // the expert panel's rows (to-do lists, reminders) follow the panel in the workflow's state
    const experts = await this.ds.getRepository(StationExpertEntity).findBy({ stationId });
    if (row && panelRows(experts) !== panelRows(toStationExpertRows(truth))) fields.push('experts');
    if (fields.length === 0) return;
    report.repaired.push({ kind: 'station', id: stationId, fields });
    if (!report.dryRun) await this.stations.repair(truth);
  }

  private async readWorkflow<T>(kind: ReconcileKind, id: string, workflowId: string, report: ReconcileReport): Promise<T | null> {
    try {
      const found = await this.workflows.authoritativeState<T>(workflowId);
      if (found) return found.state;
      report.problems.push({ kind, id, problem: `Temporal 中没有工作流 ${workflowId}` });
    } catch (e) {
      report.problems.push({ kind, id, problem: `无法读取工作流 ${workflowId}：${(e as Error).message}` });
    }
    return null;
  }
}

/** A station's expert rows as one comparable text, whatever their order. */
function panelRows(rows: StationExpertEntity[]): string {
  return rows
    .map((r) => [r.expertId, r.roundId, r.stage, r.reviewId, r.reviewRevision, r.reviewedAt, !!r.decided].join('|'))
    .sort()
    .join('\n');
}

/** Names of the fields whose stored value differs from the workflow's (JSON-compared). */
function differing<T extends object>(stored: T, truth: T, fields: readonly (keyof T)[]): string[] {
  return fields.filter((f) => JSON.stringify(stored[f] ?? null) !== JSON.stringify(truth[f] ?? null)).map(String);
}
