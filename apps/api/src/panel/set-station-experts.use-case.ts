import { Injectable } from '@nestjs/common';
import { checkManualAssignment, StationPanel } from '@app/domain';
import { actorOf, Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { StationScopePolicy } from '../stations/station-scope.policy';
import { PanelRounds } from './panel-rounds';

/** PUT /stations/:id/experts: the city changes one station's experts (panel members without a conflict). */
@Injectable()
export class SetStationExperts {
  constructor(
    private readonly scope: StationScopePolicy,
    private readonly rounds: PanelRounds,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(stationId: string, experts: string[], p: Principal) {
    const station = await this.scope.writable(stationId, p);
    const { panel } = await this.rounds.panelOf(station.roundId);
    const directory = new Map((await this.rounds.experts.findExperts(panel.experts)).map((e) => [e.id, e]));
    checkManualAssignment(
      station,
      experts,
      panel.experts.map((id) => ({ id, districtCode: directory.get(id)?.districtCode ?? null })),
      panel,
    );
    const state = await this.workflows.panelAct(stationId, { type: 'assign_experts', experts }, actorOf(p));
    return present(stationId, state.panel);
  }
}

export function present(stationId: string, panel: StationPanel | undefined) {
  return { stationId, experts: panel?.experts ?? [], assignedAt: panel?.assignedAt ?? null, assignedBy: panel?.assignedBy ?? null };
}
