import { Injectable } from '@nestjs/common';
import { RoundPanelInput, validateRoundPanel } from '@app/domain';
import { ExpertPanelRepository } from '@app/persistence';
import { actorOf, Principal } from '../auth/principal';
import { ApiError } from '../common/error-codes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { PanelRounds } from './panel-rounds';

/** PUT /rounds/:id/panel: the city sets the round's panel (the round workflow's `setPanel` Update). */
@Injectable()
export class SetRoundPanel {
  constructor(
    private readonly rounds: PanelRounds,
    private readonly panels: ExpertPanelRepository,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(roundId: string, input: RoundPanelInput, p: Principal) {
    await this.rounds.round(roundId);
    const panel = validateRoundPanel(input);
    // Every member must be an expert the directory knows (a user with the expert role, or an expert token).
    const known = new Set((await this.rounds.experts.findExperts(panel.experts)).map((e) => e.id));
    const unknown = panel.experts.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ApiError(
        'PANEL.UNKNOWN_EXPERT',
        `以下 id 不是有效的评估专家：${unknown.join('、')}`,
        unknown.map((id) => ({ field: `experts.${panel.experts.indexOf(id)}`, message: `${id} 不是有效的评估专家` })),
      );
    }
    const state = await this.workflows.setPanel(roundId, panel, actorOf(p));
    return this.present(roundId, state.panel!);
  }

  /** The panel with its members' names, districts and load, for the city's page. */
  async present(roundId: string, panel: NonNullable<Awaited<ReturnType<PanelRounds['round']>>['panel']>) {
    const profiles = new Map((await this.rounds.experts.findExperts(panel.experts)).map((e) => [e.id, e]));
    const load = await this.panels.loadByExpert(roundId);
    return {
      ...panel,
      members: panel.experts.map((id) => ({
        id,
        name: profiles.get(id)?.name ?? null,
        districtCode: profiles.get(id)?.districtCode ?? null,
        known: profiles.has(id),
        load: load[id] ?? 0,
      })),
    };
  }
}
