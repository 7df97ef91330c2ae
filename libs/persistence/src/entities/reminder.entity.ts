import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OutgoingMail, ReminderChannel, ReminderStatus, RobotMessage } from '@app/domain';

/**
 * One reminder delivery (a district's or the city's digest at one checkpoint, by mail or to one
 * group robot), stored under its idempotency key before it is sent. The unique key is what makes
 * sending exactly-once.
 */
@Entity({ name: 'reminders' })
@Index('ix_reminders_round_checkpoint', ['roundId', 'checkpointKey'])
@Index('ix_reminders_round_district', ['roundId', 'districtCode'])
export class ReminderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** (round, stage, deadline, checkpoint, recipient) */
  @Column({ type: 'varchar', length: 300, unique: true })
  key: string;

  @Column({ name: 'round_id', type: 'varchar', length: 36 })
  roundId: string;

  /** district | city | escalation | delivery_failure */
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12, nullable: true })
  districtCode: string | null;

  @Column({ name: 'deadline_key', type: 'varchar', length: 24 })
  deadlineKey: string;

  @Column({ type: 'varchar', length: 30 })
  deadline: string;

  @Column({ type: 'varchar', length: 40 })
  checkpoint: string;

  @Column({ name: 'checkpoint_key', type: 'varchar', length: 120 })
  checkpointKey: string;

  @Column({ type: 'simple-json' })
  recipients: string[];

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'message_id', type: 'varchar', length: 200 })
  messageId: string;

  @Column({ type: 'simple-json' })
  mail: OutgoingMail;

  /** mail, or the group robot (wecom, dingtalk, feishu) the reminder is posted to */
  @Column({ type: 'varchar', length: 12, default: 'mail' })
  channel: ReminderChannel;

  /** a robot's message with its webhook (a secret: never shown by the API) */
  @Column({ type: 'simple-json', nullable: true })
  robot: RobotMessage | null;

  @Column({ type: 'varchar', length: 12 })
  status: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'sent_at', type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;
}

/** Which stations a reminder listed (a station's page shows the reminders about it). */
@Entity({ name: 'reminder_stations' })
@Index('ix_reminder_stations_station', ['stationId'])
export class ReminderStationEntity {
  @PrimaryColumn({ name: 'reminder_id', type: 'varchar', length: 36 })
  reminderId: string;

  @PrimaryColumn({ name: 'station_id', type: 'varchar', length: 36 })
  stationId: string;
}
