import { Injectable } from '@nestjs/common';
import { StationRepository } from '@app/persistence';
import { WorkflowGateway } from '../common/workflow-gateway';
import { notFound } from './station-scope.policy';

/** GET /stations/:id/workflow (admins): the workflow behind a station, as Temporal sees it. */
@Injectable()
export class StationWorkflow {
  constructor(
    private readonly stations: StationRepository,
    private readonly workflows: WorkflowGateway,
  ) {}

  async execute(id: string) {
    const station = await this.stations.findById(id);
    if (!station) throw notFound(id);
    return this.workflows.describe(station.workflowId);
  }
}
