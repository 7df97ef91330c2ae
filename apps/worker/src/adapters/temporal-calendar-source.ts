import { Client } from '@temporalio/client';
import type { RoundCalendar, RoundCalendarSourcePort } from '@app/domain';
import { roundCalendarQuery, roundWorkflowId } from '@app/workflows/messages';

export class TemporalRoundCalendarSource implements RoundCalendarSourcePort {
  constructor(private readonly client: Client) {}

  currentCalendar(roundId: string): Promise<RoundCalendar> {
    return this.client.workflow.getHandle(roundWorkflowId(roundId)).query(roundCalendarQuery);
  }
}
