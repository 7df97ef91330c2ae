import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RoundActivities } from '../activities';
import { changeDeadlines, DEADLINE_KEYS, DeadlineKey, DomainError, RoundState } from '../libs/domain/src';
import { asFailure, msUntilAfter } from './failures';
import {
  changeDeadlinesUpdate,
  promoteUpdate,
  publishUpdate,
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

/** The round continues as new well before Temporal's 50k-event hard limit (target: < 4,096). */
const HISTORY_EVENTS_BEFORE_CONTINUE = 3_000;

/**
 * One round (培育批次): holds the calendar, accepts deadline changes while running and makes every
 * station follow, escalates each deadline as it passes, and runs the round-level steps
 * (publication, promotion) on every station in the right stage.
 */
export async function roundWorkflow(input: RoundWorkflowInput & { passed?: string[] }): Promise<RoundState> {
  let state = input.state;
  // `${key}|${deadline}` of every deadline already escalated; a moved deadline gets a new entry.
  const passed = new Set<string>(input.passed ?? []);
  let projected = 0;

  const persist = async () => {
    const snapshot = state;
    if (snapshot.version <= projected) return;
    await projectRound(snapshot);
    projected = Math.max(projected, snapshot.version);
  };
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
      asFailure(() => requireStatus('open', '发布名单'));
      bump({ status: 'published' }); // before any await: a second publish is refused
      const listed = await applyToStations(state.roundId, 'publication', { type: 'publish', documentNo: req.documentNo }, req.actor);
      bump({ publication: { documentNo: req.documentNo ?? null, at: new Date().toISOString(), by: req.actor.name, listed } });
      await persist();
      return state;
    },
    { validator: (_req) => asFailure(() => requireStatus('open', '发布名单')) },
  );

  setHandler(
    promoteUpdate,
    async (req) => {
      asFailure(() => requireStatus('published', '总结推广'));
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
          if (typeof req.summary !== 'string' || !req.summary.trim()) throw new DomainError('VALIDATION_FAILED', '请填写总结（summary）');
        }),
    },
  );

  if (input.passed === undefined) {
    // A round may be recorded after the fact: deadlines already past at creation are not escalated.
    for (const [key, at] of deadlineEntries(state)) if (Date.parse(at) < Date.now()) passed.add(`${key}|${at}`);
  }
  await persist();

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
    if (ready.length === 0) {
      const seenVersion = state.version;
      const next = due.map(([, at]) => at).sort()[0];
      const changed = () => state.version !== seenVersion;
      if (next) await condition(changed, msUntilAfter(next, now));
      else await condition(changed);
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUE) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof roundWorkflow>({ state, passed: [...passed] });
    }
  }
  await condition(allHandlersFinished);
  return state;
}

function deadlineEntries(state: RoundState): [DeadlineKey, string][] {
  return DEADLINE_KEYS.flatMap((key) => {
    const at = state.calendar.deadlines[key];
    return at ? [[key, at] as [DeadlineKey, string]] : [];
  });
}
