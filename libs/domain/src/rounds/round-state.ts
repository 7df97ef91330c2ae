import type { RoundPanel } from '../panel/panel';
import type { ReminderPolicy, Webhook } from '../reminders';
import type { Actor } from '../stations/station-state';
import type { StarRatingSettings } from '../star-rating/settings';
import type { DeadlineChange, DeadlineKey, RoundCalendar } from './round-calendar';

export const PROGRAMMES = ['six-haves', 'star-rating'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export type RoundStatus = 'open' | 'published' | 'closed';

/** zh-CN names of a round's statuses, for messages. */
export const ROUND_STATUS_LABELS: Readonly<Record<RoundStatus, string>> = { open: '进行中', published: '名单已发布', closed: '已结束' };

/**
 * Whom reminders reach (a district's contacts, a round's city contacts): an e-mail, a group robot
 * (reminders/channels.ts), or both; at least one of them.
 */
export interface Contact {
  name: string;
  email?: string;
  webhook?: Webhook;
}

/** One published list: its document number, when and by whom, how many stations it listed. */
export interface PublicationRecord {
  documentNo: string | null;
  at: string;
  by: string;
  listed: number;
  /** a supplementary list (补充名单), published after the first one */
  supplementary?: boolean;
}

/** What the round workflow holds and its query returns. */
export interface RoundState {
  roundId: string;
  code: string;
  name: string;
  programme: Programme;
  status: RoundStatus;
  calendar: RoundCalendar;
  /** 服务截止日期: eligibility rule 4 counts service up to this date (YYYY-MM-DD) */
  serviceCutoff: string;
  /**
   * true when the round gave no cut-off and `serviceCutoff` is the default (31 October before the
   * recommendation deadline); absent in rounds created before the default was shown
   */
  serviceCutoffDefault?: boolean;
  reminderPolicy: ReminderPolicy;
  cityContacts: Contact[];
  /** star-rating rounds: the rubric, the rating year and the exit rule */
  starRating?: StarRatingSettings;
  changes: DeadlineChange[];
  /** deadlines that have passed and were escalated: how many stations still owed the step */
  escalations: { key: DeadlineKey; deadline: string; owing: number; at: string }[];
  /** the first list published (名单发布); supplementary lists follow in `publications` */
  publication: PublicationRecord | null;
  /**
   * Every list published, the first one and each supplementary list (补充名单) after it, in order.
   * Absent on rounds started before supplementary lists existed (their one list is `publication`).
   */
  publications?: PublicationRecord[];
  promotion: { summary: string; at: string; by: string } | null;
  /** the city's expert panel (评估工作组) for the round's city step; absent until the city sets one */
  panel?: RoundPanel;
  createdBy: Actor;
  createdAt: string;
  version: number;
}
