import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import {
  AwaitedReviewsPort,
  composeDigests,
  composeExpertDigests,
  ExpertDirectoryPort,
  Contact,
  DeadlineKey,
  DistrictDirectoryPort,
  channelOf,
  DeliveryError,
  deliveryRecipients,
  emailsOf,
  MailerPort,
  Programme,
  PlainWeekdayNotice,
  plainWeekdayNoticeCheckpoint,
  plainWeekdayNoticeKey,
  ReminderChannelPort,
  reminderDeliveries,
  ReminderLogPort,
  ReminderRecord,
  ReminderRendererPort,
  ReturnNotice,
  returnNoticeKey,
  RoundDirectoryPort,
  STAGE_DEADLINE,
  stagesOwing,
  StationDirectoryPort,
  StoredReminder,
  WorkCalendar,
  WEBHOOK_LABELS,
  WorkCalendarSourcePort,
  webhooksOf,
  withRobotDeliveries,
} from '@app/domain';
import { eachInFlight } from './in-flight';

export interface ReminderActivityDeps {
  stations: StationDirectoryPort;
  districts: DistrictDirectoryPort;
  workCalendar: WorkCalendarSourcePort;
  reminderLog: ReminderLogPort;
  renderer: ReminderRendererPort;
  mailer: MailerPort;
  /**
   * every channel, mail and the group robots (libs/channels); absent: mail only, through `mailer`
   * (a robot's delivery then fails as having no channel)
   */
  channels?: ReminderChannelPort;
  /** ADMIN_EMAILS; empty → admin notices go to the round's city contacts */
  adminEmails?: string[];
  /** the rounds' names and city contacts, for notices about one station (a return) */
  rounds: RoundDirectoryPort;
  /** the expert panel: who still owes a review, and the experts' e-mails (absent: no expert digests) */
  panel?: { awaited: AwaitedReviewsPort; experts: ExpertDirectoryPort };
  /**
   * deliveries of one checkpoint in flight at once; the worker passes SMTP_MAX_CONNECTIONS, as more
   * would only queue for a pooled connection
   */
  sendsInFlight?: number;
}

/** SMTP_MAX_CONNECTIONS' default (libs/config). */
const DEFAULT_SENDS_IN_FLIGHT = 5;

/** A checkpoint as it crosses the workflow boundary (instants as ISO strings). */
export interface ScheduledCheckpoint {
  deadlineKey: DeadlineKey;
  deadline: string;
  checkpoint: string;
  sendAt: string;
  key: string;
}

export interface RoundAddressBook {
  roundId: string;
  name: string;
  /** which offices the mails name; absent in activities scheduled before it was passed: six haves */
  programme?: Programme;
  cityContacts: Contact[];
}

/** A year of a round's reminders planned as plain Monday–Friday, as the round workflow reports it. */
export type PlainWeekdayYearReport = Omit<PlainWeekdayNotice, 'roundId' | 'roundName'>;

/** Mail only (no robot adapters wired): what the worker had before the robots. */
const mailOnly = (mailer: MailerPort): ReminderChannelPort => ({
  async deliver(r) {
    if (r.robot) throw new DeliveryError(`未配置${WEBHOOK_LABELS[r.robot.webhook.kind]}群机器人渠道`, true);
    await mailer.send(r.mail);
  },
});

export function createReminderActivities(deps: ReminderActivityDeps) {
  const channels = deps.channels ?? mailOnly(deps.mailer);
  const sendsInFlight = deps.sendsInFlight ?? DEFAULT_SENDS_IN_FLIGHT;

  /**
   * Records a permanent failure and, for a district's reminder, tells the city office: by mail and
   * in its group robots' chats (a city with only a robot is told too), each stored before it is sent.
   */
  async function fail(round: RoundAddressBook, r: StoredReminder, error: string): Promise<void> {
    await deps.reminderLog.markFailed(r.id, error, new Date());
    const cityEmails = emailsOf(round.cityContacts);
    const cityRobots = webhooksOf(round.cityContacts);
    if (r.kind !== 'district' || (cityEmails.length === 0 && cityRobots.length === 0)) return;
    const districtName = (await deps.districts.listDistricts()).find((d) => d.code === r.districtCode)?.name;
    const mail = deps.renderer.deliveryFailure(
      {
        reminderKey: r.key,
        ...(districtName ? { districtName } : {}),
        digest: { ...r, roundName: round.name, programme: round.programme ?? 'six-haves' },
        recipients: deliveryRecipients(r),
        error,
        ...(r.robot ? { channel: channelOf(r) } : {}),
      },
      cityEmails,
    );
    // one notice per failed delivery: a robot's failure is noticed apart from the mail's
    const robot = r.key.split('|').at(-1)?.split('@')[1];
    const key = `${round.roundId}|${r.checkpointKey}|failure:${r.districtCode ?? ''}${robot ? `@${robot}` : ''}`;
    const notice: ReminderRecord = { ...r, key, kind: 'delivery_failure', stationIds: [], mail, channel: undefined, robot: undefined };
    await deps.reminderLog.record(withRobotDeliveries(notice, cityRobots, deps.renderer.noticeMarkdown(mail)));
  }

  /**
   * Sends what the log holds as pending for one checkpoint of the round, `sendsInFlight` at a
   * time: the deliveries of a checkpoint are independent and each was stored before any is sent,
   * so overlapping their round trips changes nothing a retry relies on. A failure notice is
   * recorded while sending, so the log is read again until nothing is pending.
   */
  async function sendPending(round: RoundAddressBook, checkpointKey: string): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    let lastBeat = -Infinity;
    for (
      let batch = await deps.reminderLog.pending(round.roundId, checkpointKey);
      batch.length > 0;
      batch = await deps.reminderLog.pending(round.roundId, checkpointKey)
    ) {
      const refused: { r: StoredReminder; error: string }[] = [];
      try {
        await eachInFlight(batch, sendsInFlight, async (r) => {
          // about once a second: the SDK passes one on at most every 16 s (80% of the heartbeat
          // timeout) anyway, and a heartbeat per delivery cost about as much CPU as marking it sent
          if (Date.now() - lastBeat >= 1_000) {
            lastBeat = Date.now();
            Context.current().heartbeat(r.key);
          }
          if (channelOf(r) === 'mail' && r.mail.to.length === 0) {
            refused.push({ r, error: '没有收件人：请设置联系人邮箱或群机器人' });
            return;
          }
          try {
            await channels.deliver(r);
          } catch (e) {
            if (e instanceof DeliveryError && e.permanent) {
              refused.push({ r, error: e.message });
              return;
            }
            await deps.reminderLog.markAttemptFailed(r.id, (e as Error).message);
            throw e; // transient: the activity is retried with backoff and resumes with what is pending
          }
          await deps.reminderLog.markSent(r.id, new Date());
          sent++;
        });
      } finally {
        // One after another, once the sends have settled: each failure stores its notice in a
        // transaction, and SQLite has a single connection that concurrent transactions would share.
        for (const { r, error } of refused) {
          await fail(round, r, error);
          failed++;
        }
      }
    }
    return { sent, failed };
  }

  /** At a checkpoint of the city's step: one digest per expert who still owes a review (panel/expert-digests.ts). */
  async function expertDigests(round: RoundAddressBook, checkpoint: ScheduledCheckpoint, stages: ReturnType<typeof stagesOwing>) {
    if (!deps.panel) return [];
    const awaited = await deps.panel.awaited.listAwaitedReviews(round.roundId, stages);
    if (awaited.length === 0) return [];
    return composeExpertDigests({
      round: { ...round, programme: round.programme ?? 'six-haves' },
      checkpoint: { ...checkpoint, deadline: new Date(checkpoint.deadline) },
      now: new Date(checkpoint.sendAt),
      awaited,
      experts: await deps.panel.experts.findExperts(awaited.map((a) => a.expertId)),
      districts: await deps.districts.listDistricts(),
    });
  }

  return {
    /**
     * The mainland work calendar, as data an admin can extend (read by the round workflow). The
     * calendar itself only when it differs from the workflow's copy (`known`), to keep the round's
     * history small.
     */
    async loadWorkCalendar(known: string | null): Promise<{ version: string; calendar: WorkCalendar | null }> {
      const calendar = await deps.workCalendar.workCalendar();
      const version = createHash('sha256').update(JSON.stringify(calendar)).digest('hex').slice(0, 16);
      return { version, calendar: version === known ? null : calendar };
    },

    /**
     * One checkpoint: a digest per district that owes the step, one to the city office for its
     * own steps and escalations. Each is stored under its idempotency key before it is sent, so a
     * retry (after a crash or a transient SMTP failure) sends only what was not sent.
     * Returns how many stations owed the step.
     */
    async sendCheckpointReminders(
      round: RoundAddressBook,
      checkpoint: ScheduledCheckpoint,
    ): Promise<{ owing: number; sent: number; failed: number }> {
      const owing = await deps.stations.listOwing(round.roundId, stagesOwing(checkpoint.deadlineKey));
      const digests = composeDigests({
        round: { ...round, programme: round.programme ?? 'six-haves' },
        checkpoint: { ...checkpoint, deadline: new Date(checkpoint.deadline) },
        owing,
        districts: await deps.districts.listDistricts(),
        // days left are counted from the checkpoint's own time, so a retry renders the same mail
        now: new Date(checkpoint.sendAt),
      });
      digests.push(...(await expertDigests(round, checkpoint, stagesOwing(checkpoint.deadlineKey))));
      // every delivery (the mail, one post per group robot) is stored before any is sent
      await deps.reminderLog.record(
        digests.flatMap((d) => reminderDeliveries(d, deps.renderer.digest(d), deps.renderer.digestMarkdown(d))),
      );

      const { sent, failed } = await sendPending(round, checkpoint.key);
      Context.current().log.info('checkpoint reminders sent', {
        roundId: round.roundId,
        checkpoint: checkpoint.key,
        owing: owing.length,
        sent,
        failed,
      });
      return { owing: owing.length, sent, failed };
    },

    /**
     * Tells admins (ADMIN_EMAILS, else the round's city contacts) of each year the round's
     * reminders are planned in without its holidays. Once per year across all rounds and restarts:
     * the notice is stored under a key of the year before it is sent, and a round that finds the
     * year already noticed (by itself or another round) sends nothing. Returns how many it sent.
     */
    async noticePlainWeekdayYears(round: RoundAddressBook, years: PlainWeekdayYearReport[]): Promise<number> {
      const fallback = emailsOf(round.cityContacts);
      const to = deps.adminEmails?.length ? deps.adminEmails : fallback;
      await deps.reminderLog.record(
        years.map((y) => ({
          key: plainWeekdayNoticeKey(y.year),
          roundId: round.roundId,
          kind: 'calendar_notice',
          districtCode: null,
          deadlineKey: y.deadlineKey,
          deadline: y.deadline,
          checkpoint: plainWeekdayNoticeCheckpoint(y.year),
          stationIds: [],
          mail: deps.renderer.plainWeekdayYear({ ...y, roundId: round.roundId, roundName: round.name }, to),
        })),
      );
      let sent = 0;
      for (const y of years) sent += (await sendPending(round, plainWeekdayNoticeCheckpoint(y.year))).sent;
      return sent;
    },

    /**
     * 退回修改: tells whoever must act again, at once. Sent back to the station, its own contact
     * (the application's e-mail) with its district's contacts in copy — or, without a station
     * address, the district's contacts, who then reach the station; sent back to the district, the
     * district's contacts. Stored under a key of the return before it is sent: exactly once across
     * retries; a failure is recorded and the city told, as for reminders.
     */
    async noticeReturn(notice: ReturnNotice): Promise<{ sent: number; failed: number }> {
      const book = await deps.rounds.addressBook(notice.roundId);
      const round: RoundAddressBook = {
        roundId: notice.roundId,
        name: book?.name ?? notice.roundId,
        programme: book?.programme ?? 'six-haves',
        cityContacts: book?.cityContacts ?? [],
      };
      const district = (await deps.districts.listDistricts()).find((d) => d.code === notice.districtCode);
      const districtEmails = emailsOf(district?.contacts ?? []);
      const toStation = notice.returned.toStage === 'application' && notice.stationEmail;
      const to = toStation ? [notice.stationEmail!] : districtEmails;
      const mail = deps.renderer.returnNotice(notice, {
        roundName: round.name,
        programme: round.programme ?? 'six-haves',
        districtName: district?.name ?? notice.districtCode,
        to,
      });
      const withCopy = toStation ? { ...mail, cc: districtEmails.filter((e) => !to.includes(e)) } : mail;
      const key = returnNoticeKey(notice);
      const record: ReminderRecord = {
        key,
        roundId: notice.roundId,
        kind: 'return_notice',
        districtCode: notice.districtCode,
        deadlineKey: notice.deadlineKey ?? STAGE_DEADLINE[notice.returned.toStage] ?? 'recommendation',
        deadline: notice.deadline ?? '',
        checkpoint: 'return',
        stationIds: [notice.stationId],
        mail: withCopy,
      };
      // the district's group robots too: it acts again, or (a return to the station) is in copy
      await deps.reminderLog.record(
        withRobotDeliveries(record, webhooksOf(district?.contacts ?? []), deps.renderer.noticeMarkdown(withCopy)),
      );
      return sendPending(round, key.split('|').slice(1, -1).join('|'));
    },
  };
}

export type ReminderActivities = ReturnType<typeof createReminderActivities>;
