import type { Digest } from './digest';

/** A rendered reminder, ready for any transport (SMTP or the embedded outbox). */
export interface OutgoingMail {
  /** stable, derived from the digest key: a resend is recognisably the same message */
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** the deadline as an iCalendar event; none for a mail about an account (an invitation, a reset link) */
  ics?: { filename: string; content: string };
}

/**
 * A delivery that failed. `permanent` (SMTP 5xx, no recipient): recorded and escalated, never
 * retried. Otherwise (connection errors, 4xx) the sending activity retries with backoff.
 */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

export type ReminderStatus = 'pending' | 'sent' | 'failed';

/** A reminder as stored before sending (the idempotency record). */
export interface StoredReminder extends Omit<ReminderRecord, 'stationIds'> {
  id: string;
  checkpointKey: string;
  status: ReminderStatus;
}

/** What the reminder log stores: where a reminder belongs, whom it lists, and the mail itself. */
export interface ReminderRecord {
  key: string;
  roundId: string;
  kind: Digest['kind'] | 'delivery_failure' | 'calendar_notice';
  districtCode: string | null;
  deadlineKey: Digest['deadlineKey'];
  deadline: string;
  checkpoint: string;
  stationIds: string[];
  mail: OutgoingMail;
}

export const reminderRecord = (digest: Digest, mail: OutgoingMail): ReminderRecord => ({
  key: digest.key,
  roundId: digest.roundId,
  kind: digest.kind,
  districtCode: digest.districtCode,
  deadlineKey: digest.deadlineKey,
  deadline: digest.deadline,
  checkpoint: digest.checkpoint,
  stationIds: digest.stations.map((s) => s.id),
  mail,
});

/** A notice to the city office that a reminder could not be delivered (permanent failure). */
export interface DeliveryFailure {
  reminderKey: string;
  digest: Pick<Digest, 'roundId' | 'roundName' | 'programme' | 'districtCode' | 'deadlineKey' | 'deadline' | 'checkpoint'>;
  recipients: string[];
  error: string;
}

/**
 * The notice to admins that a year is missing from the work calendar (DOMAIN.md decision): one
 * per year, whichever round finds it first. It names that round and the first reminder planned
 * in the year without its holidays.
 */
export interface PlainWeekdayNotice {
  year: string;
  roundId: string;
  roundName: string;
  deadlineKey: Digest['deadlineKey'];
  deadline: string;
  checkpoint: string;
  sendAt: string;
}

/** One notice per year, ever: the reminder log's unique key makes it exactly once. */
export const plainWeekdayNoticeKey = (year: string): string => `work-calendar|plain-weekdays:${year}|admins`;
/** The checkpoint key the log files it under (the key's middle part). */
export const plainWeekdayNoticeCheckpoint = (year: string): string => `plain-weekdays:${year}`;
