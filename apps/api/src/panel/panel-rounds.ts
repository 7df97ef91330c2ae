import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid, Programme, RoundPanel, RoundState } from '@app/domain';
import { ExpertDirectoryRepository, RoundEntity } from '@app/persistence';
import { ApiError } from '../common/error-codes';

/** The round a panel belongs to (its projection) and the experts the directory knows. */
@Injectable()
export class PanelRounds {
  constructor(
    private readonly ds: DataSource,
    readonly experts: ExpertDirectoryRepository,
  ) {}

  async round(id: string): Promise<{ row: RoundEntity; programme: Programme; panel: RoundPanel | null }> {
    const row = isUuid(id) ? await this.ds.getRepository(RoundEntity).findOneBy({ id }) : null;
    if (!row) throw new ApiError('NOT_FOUND', `批次 ${id} 不存在`);
    return { row, programme: row.programme as Programme, panel: (row.state as Partial<RoundState>).panel ?? null };
  }

  /** The round's panel; 409 PANEL.NOT_SET when the city has not set one. */
  async panelOf(id: string): Promise<{ row: RoundEntity; programme: Programme; panel: RoundPanel }> {
    const round = await this.round(id);
    if (!round.panel) throw new ApiError('PANEL.NOT_SET', '本批次尚未设置评估工作组（PUT /api/rounds/:id/panel）');
    return { ...round, panel: round.panel };
  }
}
