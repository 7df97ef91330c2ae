import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import {
  isWebhook,
  type OwingStation,
  type Stage,
  type StationDirectoryPort,
  type StationProjectionPort,
  type StationState,
  type Webhook,
} from '@app/domain';
import { StationEntity } from '../entities/station.entity';
import { StationEventEntity } from '../entities/station-event.entity';
import { StationExpertEntity } from '../entities/station-expert.entity';
import { toStationEventRows, toStationExpertRows, toStationRow } from '../mappers/station.mapper';
import { upsertIfNewer } from './versioned-upsert';

/**
 * The station projection: one row per station plus its history lines. Only the station's own
 * workflow writes it (through an activity), and a write older than the stored one is ignored, so
 * retries and out-of-order completions are harmless.
 */
/** The station contact's group robot, if its application names one (a robot of the form's shape only). */
function contactWebhookOf(application: Record<string, unknown>): { contactWebhook?: Webhook } {
  const webhook = (application as { contact?: { webhook?: unknown } }).contact?.webhook;
  return isWebhook(webhook) ? { contactWebhook: webhook } : {};
}

export class StationProjectionRepository implements StationProjectionPort, StationDirectoryPort {
  constructor(private readonly ds: DataSource) {}

  async save(state: StationState): Promise<void> {
    await this.write(state, false);
  }

  /** Reconcile: overwrites the row with the workflow's state and restores missing history lines. */
  async repair(state: StationState): Promise<void> {
    await this.write(state, true);
  }

  private async write(state: StationState, force: boolean): Promise<void> {
    await this.ds.transaction(async (m) => {
      await upsertIfNewer(m, StationEntity, toStationRow(state), ['createdAt'], { force });
      await this.appendHistory(m, state);
      await this.replacePanel(m, state);
    });
  }

  /** The panel rows follow the row that won: rewritten only when the stored station is this version. */
  private async replacePanel(m: EntityManager, state: StationState): Promise<void> {
    const stored = await m.getRepository(StationEntity).findOne({ select: { version: true }, where: { id: state.stationId } });
    if (stored?.version !== state.version) return;
    await m.getRepository(StationExpertEntity).delete({ stationId: state.stationId });
    const rows = toStationExpertRows(state);
    if (rows.length > 0) await m.getRepository(StationExpertEntity).insert(rows);
  }

  private async appendHistory(m: EntityManager, state: StationState): Promise<void> {
    if (state.history.length === 0) return;
    await m.createQueryBuilder().insert().into(StationEventEntity).values(toStationEventRows(state)).orIgnore().execute();
  }

  async listStationIds(roundId: string, stages: readonly Stage[], afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true },
      where: { roundId, stage: In([...stages]), ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  async listOwing(roundId: string, stages: readonly Stage[]): Promise<OwingStation[]> {
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true, name: true, districtCode: true, stage: true, application: true },
      where: { roundId, stage: In([...stages]) },
      order: { districtCode: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      districtCode: r.districtCode,
      stage: r.stage as Stage,
      contactEmail: (r.application as { contact?: { email?: string } }).contact?.email ?? null,
      ...contactWebhookOf(r.application),
    }));
  }

  async countByDistrict(roundId: string, stages: readonly Stage[]): Promise<{ districtCode: string; count: number }[]> {
    const rows: { districtCode: string; count: string | number }[] = await this.ds
      .getRepository(StationEntity)
      .createQueryBuilder('s')
      .select('s.district_code', 'districtCode')
      .addSelect('COUNT(*)', 'count')
      .where('s.round_id = :roundId', { roundId })
      .andWhere('s.stage IN (:...stages)', { stages })
      .groupBy('s.district_code')
      .orderBy('s.district_code')
      .getRawMany();
    return rows.map((r) => ({ districtCode: r.districtCode, count: Number(r.count) }));
  }
}
