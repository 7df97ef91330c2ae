import type { WorkCalendar } from './calendar/working-days';
import type { Digest, DistrictDirectoryEntry, OwingStation } from './reminders/digest';
import type { RobotText } from './reminders/channels';
import type {
  DeliveryFailure,
  OutgoingMail,
  PlainWeekdayNotice,
  ReminderRecord,
  ReturnNotice,
  ReturnNoticeContext,
  StoredReminder,
} from './reminders/delivery';
import type { Contact } from './rounds/round-state';
import type { Programme } from './rounds/round-state';
import type { RoundCalendar, DeadlineKey } from './rounds/round-calendar';
import type { RoundState } from './rounds/round-state';
import type { StationAction } from './stations/actions';
import type { Stage } from './stations/stages';
import type { Actor, StationState } from './stations/station-state';

/**
 * Ports the activities depend on. The worker wires them to TypeORM and the Temporal client;
 * unit tests may fake them.
 */
export interface StationProjectionPort {
  /** Writes the station's projection and new history lines; never goes back to a lower version. */
  save(state: StationState): Promise<void>;
}

export interface RoundProjectionPort {
  save(state: RoundState): Promise<void>;
}

export interface StationDirectoryPort {
  /** Ids of a round's stations in the given stages, ordered by id, after `afterId`. */
  listStationIds(roundId: string, stages: readonly Stage[], afterId: string | null, limit: number): Promise<string[]>;
  /** Per district, how many of a round's stations wait in one of `stages`. */
  countByDistrict(roundId: string, stages: readonly Stage[]): Promise<{ districtCode: string; count: number }[]>;
  /** A round's stations waiting in one of `stages`, with what a reminder digest lists. */
  listOwing(roundId: string, stages: readonly Stage[]): Promise<OwingStation[]>;
}

export interface DistrictDirectoryPort {
  listDistricts(): Promise<DistrictDirectoryEntry[]>;
}

/** The mainland work calendar, kept as data an admin can extend. */
export interface WorkCalendarSourcePort {
  workCalendar(): Promise<WorkCalendar>;
}

/**
 * The reminder log: every reminder is stored under its idempotency key before it is sent, so a
 * crash or retry neither sends it twice nor skips it.
 */
export interface ReminderLogPort {
  /** Stores the reminders not stored yet (same key: left as it is). */
  record(entries: ReminderRecord[]): Promise<void>;
  /** The checkpoint's reminders still to send (status pending), in key order. */
  pending(roundId: string, checkpointKey: string): Promise<StoredReminder[]>;
  markSent(id: string, at: Date): Promise<void>;
  /** A transient failure: counted, the reminder stays pending. */
  markAttemptFailed(id: string, error: string): Promise<void>;
  /** A permanent failure: recorded, never retried. */
  markFailed(id: string, error: string, at: Date): Promise<void>;
}

/** Renders reminders; implemented by libs/mail (zh-CN templates). */
export interface ReminderRendererPort {
  digest(digest: Digest): OutgoingMail;
  /** The same digest as a group robot's markdown message. */
  digestMarkdown(digest: Digest): RobotText;
  deliveryFailure(failure: DeliveryFailure, to: string[]): OutgoingMail;
  /** To admins: a year of a round's reminders is missing from the work calendar. */
  plainWeekdayYear(notice: PlainWeekdayNotice, to: string[]): OutgoingMail;
  /** To whoever must act again: a station was sent back (退回修改), with the reason. */
  returnNotice(notice: ReturnNotice, context: ReturnNoticeContext): OutgoingMail;
  /** A notice (a return, a failed delivery) as a group robot's markdown message: the mail's subject and text. */
  noticeMarkdown(mail: OutgoingMail): RobotText;
}

/** A round's name, programme and city contacts, for mails about one of its stations. */
export interface RoundDirectoryPort {
  addressBook(roundId: string): Promise<{ roundId: string; name: string; programme: Programme; cityContacts: Contact[] } | null>;
}

/** Sends one rendered mail; throws MailDeliveryError. */
export interface MailerPort {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * The one port every channel a reminder goes out on is behind (mail, each group robot): delivers a
 * reminder the log has stored, on the reminder's channel; throws DeliveryError (`permanent` or
 * not). Each channel is an adapter in its own lib (libs/mail, libs/channels).
 */
export interface ReminderChannelPort {
  deliver(reminder: StoredReminder): Promise<void>;
}

export interface RoundCalendarSourcePort {
  /** The round workflow's current calendar (the authority, not the projection). */
  currentCalendar(roundId: string): Promise<RoundCalendar>;
}

export type StationMessageOutcome = 'applied' | 'skipped';

export interface StationMessengerPort {
  sendCalendar(stationId: string, calendar: RoundCalendar): Promise<StationMessageOutcome>;
  /** Runs a round-level action on one station; `skipped` when the station is no longer in a stage that accepts it. */
  act(stationId: string, action: StationAction, actor: Actor): Promise<StationMessageOutcome>;
}

/** Called when a deadline passes with stations still owing the step (escalation to the city office). */
export interface EscalationPort {
  deadlinePassed(round: RoundState, key: DeadlineKey, deadline: string, owing: { districtCode: string; count: number }[]): Promise<void>;
}
