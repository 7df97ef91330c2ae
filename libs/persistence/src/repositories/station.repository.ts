import { And, DataSource, FindOptionsWhere, In, MoreThan } from 'typeorm';
import { isUuid } from '@app/domain';
import type { HistoryEntry, StationState } from '@app/domain';
import { StationEntity } from '../entities/station.entity';
import { StationEventEntity } from '../entities/station-event.entity';
import { toHistoryEntry, toStationRow } from '../mappers/station.mapper';
import { StationPages } from './station-page';
import { upsertIfNewer } from './versioned-upsert';

/** Which stations a list shows; absent fields do not filter. */
export interface StationFilter {
  roundId?: string;
  districtCode?: string;
  stage?: string;
  overdue?: boolean;
  /** a station token sees its own station only */
  stationId?: string;
  /** an expert sees the stations assigned to them only */
  stationIds?: readonly string[];
}

/** The API's access to stations (the port; the worker writes through StationProjectionRepository). */
export abstract class StationRepository {
  /** The station's row; null for an unknown id or one that cannot be an id. */
  abstract findById(id: string): Promise<StationEntity | null>;
  /**
   * The row of a station whose workflow is about to start, at version 0 so that the workflow's
   * first projection (version 1) replaces it (and is never replaced by it).
   */
  abstract insertPending(state: StationState, at: Date): Promise<void>;
  abstract remove(id: string): Promise<void>;
  /** Up to `limit` stations by id, after `afterId` (a station token's own station ignores it). */
  abstract page(filter: StationFilter, afterId: string | null, limit: number): Promise<StationEntity[]>;
  /** A station's history, oldest first. */
  abstract history(stationId: string): Promise<HistoryEntry[]>;
}

export class TypeOrmStationRepository extends StationRepository {
  private readonly pages: StationPages;

  constructor(private readonly ds: DataSource) {
    super();
    this.pages = new StationPages(ds);
  }

  private get rows() {
    return this.ds.getRepository(StationEntity);
  }

  async findById(id: string): Promise<StationEntity | null> {
    return isUuid(id) ? this.rows.findOneBy({ id }) : null;
  }

  async insertPending(state: StationState, at: Date): Promise<void> {
    await this.ds.transaction((m) => upsertIfNewer(m, StationEntity, { ...toStationRow(state, at), version: 0 }, ['createdAt']));
  }

  async remove(id: string): Promise<void> {
    await this.rows.delete({ id });
  }

  page({ stationId, stationIds, ...filter }: StationFilter, afterId: string | null, limit: number): Promise<StationEntity[]> {
    if (stationId !== undefined) return this.pages.page({ equal: { ...filter, id: stationId }, afterId: null, limit });
    if (stationIds === undefined) return this.pages.page({ equal: filter, afterId, limit });
    // An expert's list: the stations assigned to them, a set of ids the prepared statements don't take.
    if (stationIds.length === 0) return Promise.resolve([]);
    // TypeORM refuses an undefined condition: only the given fields filter.
    const where = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as FindOptionsWhere<StationEntity>;
    where.id = afterId ? And(In([...stationIds]), MoreThan(afterId)) : In([...stationIds]);
    return this.rows.find({ where, order: { id: 'ASC' }, take: limit });
  }

  async history(stationId: string): Promise<HistoryEntry[]> {
    const rows = await this.ds.getRepository(StationEventEntity).find({ where: { stationId }, order: { seq: 'ASC' } });
    return rows.map(toHistoryEntry);
  }
}
