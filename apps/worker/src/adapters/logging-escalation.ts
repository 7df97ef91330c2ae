import { Logger } from '@nestjs/common';
import type { DeadlineKey, EscalationPort, RoundState } from '@app/domain';

/** Records an escalation in the worker log (the mail escalation replaces it where mail is wired). */
export class LoggingEscalation implements EscalationPort {
  private readonly log = new Logger('Escalation');

  async deadlinePassed(
    round: RoundState,
    key: DeadlineKey,
    deadline: string,
    owing: { districtCode: string; count: number }[],
  ): Promise<void> {
    this.log.warn(
      `round ${round.code}: deadline ${key} (${deadline}) passed; still owing: ${owing.map((o) => `${o.districtCode}×${o.count}`).join(', ')}`,
    );
  }
}
