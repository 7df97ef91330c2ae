import { DataSource } from 'typeorm';
import { ReminderEntity } from '../entities/reminder.entity';
import { StationEntity } from '../entities/station.entity';

export interface StationCount {
  stage: string;
  overdue: boolean;
  count: number;
}

export interface ReminderCount {
  /** mail, wecom, dingtalk, feishu */
  channel: string;
  kind: string;
  status: string;
  count: number;
}

/**
 * The counts an operator's dashboard shows, read from the projections at each scrape: two
 * GROUP BY queries over indexed columns, a few milliseconds for tens of thousands of rows.
 */
export class OperationsCountsRepository {
  constructor(private readonly ds: DataSource) {}

  async stationsByStage(): Promise<StationCount[]> {
    const rows = await this.ds
      .getRepository(StationEntity)
      .createQueryBuilder('s')
      .select('s.stage', 'stage')
      .addSelect('s.overdue', 'overdue')
      .addSelect('COUNT(*)', 'count')
      .groupBy('s.stage')
      .addGroupBy('s.overdue')
      .getRawMany<{ stage: string; overdue: boolean | number | string; count: number | string }>();
    // SQLite answers booleans as 0/1, PostgreSQL COUNT(*) as a string.
    return rows.map((r) => ({
      stage: r.stage,
      overdue: r.overdue === true || r.overdue === 1 || r.overdue === '1',
      count: Number(r.count),
    }));
  }

  async remindersByOutcome(): Promise<ReminderCount[]> {
    const rows = await this.ds
      .getRepository(ReminderEntity)
      .createQueryBuilder('r')
      .select('r.channel', 'channel')
      .addSelect('r.kind', 'kind')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.channel')
      .addGroupBy('r.kind')
      .addGroupBy('r.status')
      .getRawMany<{ channel: string; kind: string; status: string; count: number | string }>();
    return rows.map((r) => ({ channel: r.channel, kind: r.kind, status: r.status, count: Number(r.count) }));
  }
}
