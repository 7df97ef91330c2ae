import { ReminderChannel, RobotMessage, RobotText, robotLabel, robotRecipient, Webhook, webhooksOf } from './channels';
import type { Digest } from './digest';
import type { Programme } from '../rounds/round-state';
import type { DeadlineKey } from '../rounds/round-calendar';
import type { StationReturn } from '../stations/station-state';

/** A rendered reminder, ready for any transport (SMTP or the embedded outbox). */
export interface OutgoingMail {
  /** stable, derived from the digest key: a resend is recognisably the same message */
  messageId: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  /** the deadline as an iCalendar event; none for a notice without a deadline (an account mail, a returned application) */
  ics?: { filename: string; content: string };
}

/**
 * A delivery that failed, on any channel. `permanent` (SMTP 5xx, a robot's invalid key or
 * signature, no recipient): recorded and reported to the city office, never retried. Otherwise
 * (connection errors, SMTP 4xx, HTTP 5xx, a robot's rate limit) the sending activity retries with
 * backoff. The message is shown to people and stored: it never carries a webhook's URL or secret.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A mail that could not be delivered (`responseCode`: the SMTP reply code, when there was one). */
export class MailDeliveryError extends DeliveryError {
  constructor(
    message: string,
    permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message, permanent);
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

/** The channel a stored reminder goes out on (rows stored before robots existed are mail). */
export const channelOf = (r: Pick<ReminderRecord, 'channel'>): ReminderChannel => r.channel ?? 'mail';

/** What the reminder log stores: where a reminder belongs, whom it lists, and the mail itself. */
export interface ReminderRecord {
  key: string;
  roundId: string;
  kind: Digest['kind'] | 'delivery_failure' | 'calendar_notice' | 'return_notice';
  districtCode: string | null;
  deadlineKey: Digest['deadlineKey'];
  deadline: string;
  checkpoint: string;
  stationIds: string[];
  /** the rendered mail; on a robot's delivery it is kept for the subject, and not sent */
  mail: OutgoingMail;
  /** absent: mail */
  channel?: ReminderChannel;
  /** a robot's delivery: the message and the webhook it is posted to */
  robot?: RobotMessage;
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

/**
 * The deliveries of one digest, each stored under its own key before it is sent: one mail to the
 * contacts' e-mails (also when nobody has one and no robot either, so that the missing recipient
 * is recorded and reported), and one post per group robot among the contacts, under the digest's
 * key with the robot as `@recipient` (exactly once per robot and checkpoint).
 */
export function reminderDeliveries(digest: Digest, mail: OutgoingMail, text: RobotText): ReminderRecord[] {
  const webhooks = [...webhooksOf(digest.to), ...(digest.ccWebhooks ?? [])];
  return withRobotDeliveries(reminderRecord(digest, mail), webhooks, text);
}

/**
 * A record's mail and one post per distinct group robot of `webhooks`, each under its own key (the
 * robot's under the record's key with `@recipient`). The mail is kept when it has addressees, or
 * when there is no robot either (so that the missing recipient is recorded and reported).
 */
export function withRobotDeliveries(record: ReminderRecord, webhooks: Webhook[], text: RobotText): ReminderRecord[] {
  const robots = uniqueWebhooks(webhooks);
  const mailed = record.mail.to.length > 0 || robots.length === 0;
  return [
    ...(mailed ? [record] : []),
    ...robots.map((webhook) => ({
      ...record,
      mail: { ...record.mail, to: [], cc: [] },
      key: robotDeliveryKey(record.key, webhook),
      channel: webhook.kind,
      robot: { ...text, webhook },
    })),
  ];
}

export const robotDeliveryKey = (digestKey: string, webhook: Webhook): string => `${digestKey}@${robotRecipient(webhook)}`;

/** Whom a stored reminder went to, as people read it: the mail's addresses, or the robot (masked). */
export function deliveryRecipients(r: Pick<ReminderRecord, 'mail' | 'robot'>): string[] {
  return r.robot ? [robotLabel(r.robot.webhook)] : [...r.mail.to, ...r.mail.cc];
}

function uniqueWebhooks(hooks: Webhook[]): Webhook[] {
  const seen = new Set<string>();
  return hooks.filter((w) => !seen.has(robotRecipient(w)) && seen.add(robotRecipient(w)));
}

/** A notice to the city office that a reminder could not be delivered (permanent failure). */
export interface DeliveryFailure {
  reminderKey: string;
  digest: Pick<Digest, 'roundId' | 'roundName' | 'programme' | 'districtCode' | 'deadlineKey' | 'deadline' | 'checkpoint'>;
  recipients: string[];
  error: string;
  /** the channel that failed; absent: mail */
  channel?: ReminderChannel;
  /** the district's name (absent: the code is shown) */
  districtName?: string;
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

/**
 * A station sent back (退回修改): whoever must act again is told at once, by one mail stored before
 * it is sent (like the reminders), so it goes out exactly once. `seq` is the history line of the
 * return: a station sent back twice gets two notices.
 */
export interface ReturnNotice {
  stationId: string;
  stationName: string;
  roundId: string;
  districtCode: string;
  seq: number;
  returned: StationReturn;
  /** the deadline of the step the station is back in (null: none set) */
  deadlineKey: DeadlineKey | null;
  deadline: string | null;
  /** the station's own contact address (application form), for a return to the station */
  stationEmail: string | null;
}

/** What the return notice needs of its round and its addressees, found by the activity. */
export interface ReturnNoticeContext {
  roundName: string;
  programme: Programme;
  districtName: string;
  to: string[];
}

/** The reminder-log key of a return notice: round | checkpoint | recipient. */
export const returnNoticeKey = (n: Pick<ReturnNotice, 'roundId' | 'stationId' | 'seq'>): string =>
  `${n.roundId}|return:${n.stationId}:${n.seq}|notice`;
export const returnNoticeCheckpoint = (n: Pick<ReturnNotice, 'stationId' | 'seq'>): string => `return:${n.stationId}:${n.seq}`;
