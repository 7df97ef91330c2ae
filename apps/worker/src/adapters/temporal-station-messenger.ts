import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, RoundCalendar, StationAction, StationMessageOutcome, StationMessengerPort } from '@app/domain';
import { calendarChangedSignal, stationActionUpdate, stationWorkflowId } from '@app/workflows/messages';

/** Reaches station workflows on behalf of their round (calendar changes, publication, promotion). */
export class TemporalStationMessenger implements StationMessengerPort {
  constructor(private readonly client: Client) {}

  async sendCalendar(stationId: string, calendar: RoundCalendar): Promise<StationMessageOutcome> {
    try {
      await this.client.workflow.getHandle(stationWorkflowId(stationId)).signal(calendarChangedSignal, calendar);
      return 'applied';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return 'skipped'; // closed meanwhile
      throw e;
    }
  }

  async act(stationId: string, action: StationAction, actor: Actor): Promise<StationMessageOutcome> {
    try {
      await this.client.workflow
        .getHandle(stationWorkflowId(stationId))
        .executeUpdate(stationActionUpdate(action.type), { args: [{ action, actor }] });
      return 'applied';
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return 'skipped';
      // A station that moved on (withdrawn, or already done by an earlier attempt) is not an error.
      if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type === 'STATION.WRONG_STAGE')
        return 'skipped';
      throw e;
    }
  }
}
