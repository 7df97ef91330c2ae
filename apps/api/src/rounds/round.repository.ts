import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { RoundState } from '@app/domain';
import { RoundEntity, toRoundRow } from '@app/persistence';
import { ApiError } from '../common/error-codes';
import { isUuid } from '@app/domain';

/** The rounds' projection rows, as the API reads them (the round workflow writes them). */
@Injectable()
export class RoundRepository {
  constructor(private readonly ds: DataSource) {}

  private get rows() {
    return this.ds.getRepository(RoundEntity);
  }

  /** The round's row; NOT_FOUND for an unknown id. */
  async get(id: string): Promise<RoundEntity> {
    const row = isUuid(id) ? await this.rows.findOneBy({ id }) : null;
    if (!row) throw new ApiError('NOT_FOUND', `批次 ${id} 不存在`);
    return row;
  }

  /** Newest first. */
  list(): Promise<RoundEntity[]> {
    return this.rows.find({ order: { createdAt: 'DESC' } });
  }

  /**
   * The row of a round just created, written before its workflow starts (the unique code is
   * checked here): version 0, so that the workflow's own first projection replaces it.
   * False when another round has the code.
   */
  async insertCreated(state: RoundState): Promise<boolean> {
    try {
      await this.rows.save({ ...toRoundRow(state), version: 0 });
      return true;
    } catch (e) {
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) return false;
      throw e;
    }
  }

  async delete(id: string): Promise<void> {
    await this.rows.delete({ id });
  }
}
