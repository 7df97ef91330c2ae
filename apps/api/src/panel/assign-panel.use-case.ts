import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assignExperts, REVIEW_STAGE, StationState } from '@app/domain';
import { ExpertPanelRepository, StationEntity } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { PanelRounds } from './panel-rounds';

/**
 * POST /rounds/:id/panel/assign: experts for every station of the round in the city's step that
 * lacks them (the domain's balanced, conflict-free assignment), each sent to its station as an
 * Update. Experts already assigned stay; their load elsewhere in the round counts.
 */
@Injectable()
export class AssignPanel {
  constructor(
    private readonly ds: DataSource,
    private readonly rounds: PanelRounds,
    private readonly panels: ExpertPanelRepository,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(roundId: string, p: Principal) {
    const { programme, panel } = await this.rounds.panelOf(roundId);
    const rows = await this.ds.getRepository(StationEntity).find({
      select: { id: true, districtCode: true, state: true },
      where: { roundId, stage: REVIEW_STAGE[programme] },
      order: { id: 'ASC' },
    });
    const assigned = (r: StationEntity) => (r.state as Partial<StationState>).panel?.experts ?? [];
    // experts who left the panel are replaced
    const stations = rows.map((r) => ({
      id: r.id,
      districtCode: r.districtCode,
      experts: assigned(r).filter((e) => panel.experts.includes(e)),
    }));
    // the load the experts carry elsewhere in the round (stations past the city's step, or not yet in it)
    const otherLoad = await this.panels.loadByExpert(roundId);
    for (const r of rows) for (const e of assigned(r)) otherLoad[e]--;
    const directory = new Map((await this.rounds.experts.findExperts(panel.experts)).map((e) => [e.id, e]));
    const result = assignExperts({
      ...panel,
      experts: panel.experts.map((id) => ({ id, districtCode: directory.get(id)?.districtCode ?? null })),
      stations,
      otherLoad,
    });
    const actor = actorOf(p);
    for (const a of result.assignments) await this.workflows.panelAct(a.stationId, { type: 'assign_experts', experts: a.experts }, actor);
    return { assignments: result.assignments, shortfalls: result.shortfalls };
  }
}
