import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlainWeekdayYearReport, ReminderActivities, RoundActivities } from '../activities';
import {
  assertPromotable,
  assertSomethingToPublish,
  changeDeadlines,
  checkPublication,
  DEADLINE_KEYS,
  DeadlineKey,
  deadlineOf,
  DomainError,
  plainWeekdayYears,
  PublicationRecord,
  publicationsOf,
  reminderSchedule,
  resolvesDeadline,
  resolvesDeadlineWithSupplementaryLists,
  RoundState,
  STAGES_BLOCKING_PROMOTION,
  WorkCalendar,
} from '../libs/domain/src';
import { asFailure, msUntilAfter } from './failures';
import { ProjectionWriter } from './projection-writer';
import {
  changeDeadlinesUpdate,
  promoteUpdate,
  publishUpdate,
  RoundActionRequest,
  roundCalendarQuery,
  roundStateQuery,
  RoundWorkflowInput,
} from './messages';

const { projectRound } = proxyLocalActivities<RoundActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
// Round-wide fan-out can take a while at tens of thousands of stations: it heartbeats its cursor
// so that a retry after a worker crash resumes where it stopped.
const { broadcastCalendar, applyToStations, deadlinePassed } = proxyActivities<RoundActivities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

// Transient SMTP failures retry with backoff for as long as it takes (a permanent one is recorded
// by the activity and not thrown); the heartbeat lets a crashed worker's attempt be retried soon.
const { sendCheckpointReminders, loadWorkCalendar, noticePlainWeekdayYears } = proxyActivities<ReminderActivities>({
  startToCloseTimeout: '1h',
  heartbeatTimeout: '20s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});

// A read of the projection: which stations keep the round from promotion or wait for a list.
const { stationsIn } = proxyActivities<RoundActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** What a round carries over continue-as-new about its reminders. */
export interface RoundReminderProgress {
  /** checkpoint keys handled */
  done: string[];
  /** missed deadlines nobody owed any more at an overdue checkpoint: no more repeats */
  resolved: string[];
}

/** The round continues as new well before Temporal's 50k-event hard limit (target: < 4,096). */
const HISTORY_EVENTS_BEFORE_CONTINUE = 3_000;

/**
 * One round (培育批次): holds the calendar, accepts deadline changes while running and makes every
 * station follow, escalates each deadline as it passes, and runs the round-level steps
 * (publication, promotion) on every station in the right stage.
 */
export async function roundWorkflow(
  input: RoundWorkflowInput & { passed?: string[]; reminders?: RoundReminderProgress },
): Promise<RoundState> {
  let state = input.state;
  // Reminders came after the first rounds were started; those replay without them.
  const remindersOn = patched('round-reminders');
  // Supplementary lists (补充名单) and promotion refused while stations are open came later still;
  // so did the notice to admins of a year missing from the work calendar.
  const supplementaryLists = patched('supplementary-lists');
  const plainWeekdayNotices = patched('plain-weekday-notice');
  const resolves = supplementaryLists ? resolvesDeadlineWithSupplementaryLists : resolvesDeadline;
  // Years already reported to admins by this run (the activity itself sends each year once, ever).
  const noticedYears = new Set<string>();
  // A list being published or the round being promoted: a second publish or promote waits its turn.
  let publishing = false;
  let promoting = false;
  const requireIdle = () => {
    if (publishing) throw new DomainError('CONFLICT', '名单正在发布中，请稍后再试');
    if (promoting) throw new DomainError('CONFLICT', '正在总结推广，请稍后再试');
  };  const remindersDone = new Set<string>(input.reminders?.done ?? []);
  const resolved = new Set<string>(input.reminders?.resolved ?? []);
  let nextReminderAt: string | null = null;
  // `${key}|${deadline}` of every deadline already escalated; a moved deadline gets a new entry.
  const passed = new Set<string>(input.passed ?? []);
  const projection = new ProjectionWriter(() => state, (snapshot) => projectRound(snapshot));
  const persist = () => projection.written();
  const bump = (patch: Partial<RoundState>) => {
    state = { ...state, ...patch, version: state.version + 1 };
  };
  const requireStatus = (status: RoundState['status'], what: string) => {
    if (state.status !== status) {
      throw new DomainError('ROUND.CLOSED', `本批次当前状态为「${state.status}」，不能${what}`, { status: state.status });
    }
  };

  setHandler(roundStateQuery, () => state);
  setHandler(roundCalendarQuery, () => state.calendar);

  setHandler(
    changeDeadlinesUpdate,
    async (req) => {
      const { calendar, change } = asFailure(() => changeDeadlines(state.calendar, req.deadlines, req.actor.name, req.reason, new Date()));
      bump({ calendar, changes: [...state.changes, change] });
      await persist();
      await broadcastCalendar(state.roundId, calendar);
      return state;
    },
    {
      validator: (req) =>
        asFailure(() => {
          if (state.status === 'closed') requireStatus('open', '调整截止日期');
          changeDeadlines(state.calendar, req.deadlines, req.actor.name, req.reason, new Date());
        }),
    },
  );

  setHandler(
    publishUpdate,
    async (req) => {
      if (supplementaryLists) return publishList(req);
      asFailure(() => requireStatus('open', '发布名单'));
      bump({ status: 'published' }); // before any await: a second publish is refused
      const listed = await applyToStations(state.roundId, 'publication', { type: 'publish', documentNo: req.documentNo }, req.actor);
      bump({ publication: { documentNo: req.documentNo ?? null, at: new Date().toISOString(), by: req.actor.name, listed } });
      await persist();
      return state;
    },
    {
      validator: (req) =>
        asFailure(() => {
          if (!supplementaryLists) return requireStatus('open', '发布名单');
          requireIdle();
          checkPublication(state, req.documentNo);
        }),
    },
  );

  /**
   * The first list, or a supplementary list (补充名单) of the stations that reached `publication`
   * after the last one, each with its own document number, until promotion.
   */
  const publishList = async (req: RoundActionRequest): Promise<RoundState> => {
    const { supplementary } = asFailure(() => {
      requireIdle();
      return checkPublication(state, req.documentNo);
    });
    publishing = true; // before any await: a second publish or a promote is refused meanwhile
    try {
      if (supplementary) {
        const waiting = await stationsIn(state.roundId, ['publication'], 0);
        asFailure(() => assertSomethingToPublish(waiting.total));
      } else {
        bump({ status: 'published' });
      }
      const documentNo = req.documentNo?.trim() || undefined;
      const listed = await applyToStations(state.roundId, 'publication', { type: 'publish', documentNo }, req.actor);
      const record: PublicationRecord = { documentNo: documentNo ?? null, at: new Date().toISOString(), by: req.actor.name, listed, ...(supplementary ? { supplementary } : {}) };
      const publications = [...publicationsOf(state), record];
      bump({ publication: publications[0], publications });
    } finally {
      publishing = false;
    }
    await persist();
    return state;
  };

  setHandler(
    promoteUpdate,
    async (req) => {
      asFailure(() => requireStatus('published', '总结推广'));
      if (supplementaryLists) {
        asFailure(requireIdle);
        promoting = true;
        try {
          // The city decides every station first; the ones that passed go on a supplementary list.
          const open = await stationsIn(state.roundId, STAGES_BLOCKING_PROMOTION);
          asFailure(() => assertPromotable(open));
        } finally {
          promoting = false;
        }
      }
      const summary = (req.summary ?? '').trim();
      bump({ status: 'closed', promotion: { summary, at: new Date().toISOString(), by: req.actor.name } });
      await applyToStations(state.roundId, 'promotion', { type: 'promote', summary }, req.actor);
      await persist();
      return state;
    },
    {
      validator: (req) =>
        asFailure(() => {
          requireStatus('published', '总结推广');
          if (supplementaryLists) requireIdle();
          if (typeof req.summary !== 'string' || !req.summary.trim()) throw new DomainError('VALIDATION_FAILED', '请填写总结（summary）');
        }),
    },
  );

  if (input.passed === undefined) {
    // A round may be recorded after the fact: deadlines already past at creation are not escalated.
    for (const [key, at] of deadlineEntries(state)) if (Date.parse(at) < Date.now()) passed.add(`${key}|${at}`);
  }
  await persist();

  /**
   * Sends every checkpoint whose time has come; returns when the next one is due. The schedule is
   * computed here (pure domain code); the work calendar is data, read by an activity when the
   * round starts and again before each send, so an admin's correction applies from the next one.
   * (Not a local activity: local activities racing an Update handler's do not replay in order.)
   */
  let workCalendar: { version: string | null; calendar: WorkCalendar } | null = null;
  const refreshWorkCalendar = async () => {
    const fresh = await loadWorkCalendar(workCalendar?.version ?? null);
    if (fresh.calendar) workCalendar = { version: fresh.version, calendar: fresh.calendar };
  };
  /** Admins hear once of each year this round's reminders are planned in without its holidays. */
  const noticeMissingYears = async (calendar: WorkCalendar) => {
    const years = plainWeekdayYears(state, calendar).filter((y) => !noticedYears.has(y.year));
    if (years.length === 0) return;
    const reports: PlainWeekdayYearReport[] = years.map(({ year, first }) => ({
      year,
      deadlineKey: first.deadlineKey,
      deadline: first.deadline.toISOString(),
      checkpoint: first.checkpoint,
      sendAt: first.sendAt.toISOString(),
    }));
    await noticePlainWeekdayYears({ roundId: state.roundId, name: state.name, cityContacts: state.cityContacts }, reports);
    for (const y of years) noticedYears.add(y.year);
  };
  const sendDueReminders = async (): Promise<string | null> => {
    const plan = () => reminderSchedule(state, workCalendar!.calendar, new Date(), remindersDone, resolved);
    if (!workCalendar) await refreshWorkCalendar();
    if (plainWeekdayNotices) await noticeMissingYears(workCalendar!.calendar);
    let schedule = plan();
    if (schedule.due.length > 0) {
      await refreshWorkCalendar();
      schedule = plan();
    }
    for (const c of schedule.due) {
      const checkpoint = { deadlineKey: c.deadlineKey, deadline: c.deadline.toISOString(), checkpoint: c.checkpoint, sendAt: c.sendAt.toISOString(), key: c.key };
      const { owing } = await sendCheckpointReminders({ roundId: state.roundId, name: state.name, programme: state.programme, cityContacts: state.cityContacts }, checkpoint);
      remindersDone.add(c.key);
      if (resolves(c, owing)) resolved.add(deadlineOf(c));
    }
    return schedule.next?.sendAt.toISOString() ?? null;
  };

  while (state.status !== 'closed') {
    const due = deadlineEntries(state).filter(([key, at]) => !passed.has(`${key}|${at}`));
    const now = Date.now();
    const ready = due.filter(([, at]) => Date.parse(at) < now);
    for (const [key, at] of ready) {
      passed.add(`${key}|${at}`);
      const owing = await deadlinePassed(state, key);
      if (owing > 0) {
        bump({ escalations: [...state.escalations, { key, deadline: at, owing, at: new Date().toISOString() }] });
        await persist();
      }
    }
    if (remindersOn) nextReminderAt = await sendDueReminders();
    if (ready.length === 0 || remindersOn) {
      const seenVersion = state.version;
      const next = [...due.filter(([k, at]) => !passed.has(`${k}|${at}`)).map(([, at]) => at), ...(nextReminderAt ? [nextReminderAt] : [])].sort()[0];
      const changed = () => state.version !== seenVersion;
      if (next) await condition(changed, msUntilAfter(next, Date.now()));
      else await condition(changed);
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUE) {
      await projection.drain();
      await continueAsNew<typeof roundWorkflow>({
        state,
        passed: [...passed],
        ...(remindersOn ? { reminders: { done: [...remindersDone], resolved: [...resolved] } } : {}),
      });
    }
  }
  await projection.drain();
  return state;
}

function deadlineEntries(state: RoundState): [DeadlineKey, string][] {
  return DEADLINE_KEYS.flatMap((key) => {
    const at = state.calendar.deadlines[key];
    return at ? [[key, at] as [DeadlineKey, string]] : [];
  });
}
