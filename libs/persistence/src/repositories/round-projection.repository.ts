import { DataSource } from 'typeorm';
import { roundWorkflowId } from '@app/domain';
import type { Programme, RoundDirectoryPort, RoundProjectionPort, RoundState } from '@app/domain';
import { RoundEntity } from '../entities/round.entity';
import { upsertIfNewer } from './versioned-upsert';

/** The round projection; written by the round workflow, guarded by version like the stations. */
export class RoundProjectionRepository implements RoundProjectionPort, RoundDirectoryPort {
  constructor(private readonly ds: DataSource) {}

  async save(state: RoundState): Promise<void> {
    await this.ds.transaction((m) => upsertIfNewer(m, RoundEntity, toRoundRow(state), ['createdAt', 'code']));
  }

  async addressBook(roundId: string) {
    const row = await this.ds.getRepository(RoundEntity).findOneBy({ id: roundId });
    return row ? { roundId, name: row.name, programme: row.programme as Programme, cityContacts: row.cityContacts } : null;
  }

  /** Reconcile: overwrites the row with the round workflow's state. */
  async repair(state: RoundState): Promise<void> {
    await this.ds.transaction((m) => upsertIfNewer(m, RoundEntity, toRoundRow(state), ['createdAt', 'code'], { force: true }));
  }
}

export function toRoundRow(state: RoundState): RoundEntity {
  return {
    id: state.roundId,
    code: state.code,
    name: state.name,
    programme: state.programme,
    deadlines: state.calendar.deadlines as Record<string, string>,
    serviceCutoff: state.serviceCutoff,
    reminders: state.reminderPolicy,
    cityContacts: state.cityContacts,
    status: state.status,
    workflowId: roundWorkflowId(state.roundId),
    version: state.version,
    state: { ...state } as unknown as Record<string, unknown>,
    createdAt: state.createdAt,
    updatedAt: new Date().toISOString(),
  };
}
