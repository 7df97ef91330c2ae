import { randomUUID } from 'node:crypto';
import {
  Actor,
  CHONGQING_DISTRICTS,
  createStation,
  ReminderPolicy,
  resolveReminderPolicy,
  RoundDeadlines,
  RoundState,
  StationAction,
  StationState,
} from '@app/domain';
import { RoundEntity, StationEntity, toRoundRow } from '@app/persistence';
import {
  RoundIdAttribute,
  DistrictCodeAttribute,
  roundWorkflowId,
  stationActionUpdate,
  StationOverdueAttribute,
  StationStageAttribute,
  stationWorkflowId,
} from '../workflows/messages';
import { CITY, DAY, districtActor } from '../workflows/testing/round-harness';
import { applicationForm } from '../test/support/service';
import { BenchEnv, CITY_CONTACT } from './bench-env';

/**
 * A cultivation round driven the way the API drives one (apps/api: rounds and stations services,
 * workflow gateway): the projection row first, then the workflow with its search attributes; each
 * human action is an Update. Stations are spread over the 41 Chongqing districts in turn.
 */

/** A year-long calendar from `t0` (nothing falls due during a bench run unless overridden). */
export function yearCalendar(t0: number, overrides: Partial<RoundDeadlines> = {}): RoundDeadlines {
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();
  return {
    recommendation: at(30),
    filing: at(60),
    selfAssessmentOpens: at(240),
    selfAssessment: at(300),
    cityEvaluation: at(330),
    publication: at(355),
    promotion: at(365),
    ...overrides,
  };
}

export interface RoundSpec {
  deadlines?: RoundDeadlines;
  /** the round's reminder policy; missing keys take the defaults (09:00 on working days, …) */
  reminders?: Partial<ReminderPolicy>;
}

/** POST /api/rounds: the round's row, then its workflow. */
export async function openRound(env: BenchEnv, taskQueue: string, spec: RoundSpec = {}): Promise<RoundState> {
  const now = new Date();
  const roundId = randomUUID();
  const state: RoundState = {
    roundId,
    code: `bench-${roundId.slice(0, 8)}`,
    name: '基准测试批次',
    programme: 'six-haves',
    status: 'open',
    calendar: { version: 1, deadlines: spec.deadlines ?? yearCalendar(now.getTime()) },
    serviceCutoff: '2023-10-31',
    reminderPolicy: resolveReminderPolicy(spec.reminders),
    cityContacts: [CITY_CONTACT],
    changes: [],
    escalations: [],
    publication: null,
    promotion: null,
    createdBy: CITY,
    createdAt: now.toISOString(),
    version: 1,
  };
  await env.ds.getRepository(RoundEntity).insert({ ...toRoundRow(state), version: 0 } as never);
  await env.client.workflow.start('roundWorkflow', {
    taskQueue,
    workflowId: roundWorkflowId(roundId),
    args: [{ state }],
    typedSearchAttributes: [{ key: RoundIdAttribute, value: roundId }],
  });
  return state;
}

/** The district of the `index`-th station of a round: the 41 districts in turn. */
export const districtOf = (index: number): string => CHONGQING_DISTRICTS[index % CHONGQING_DISTRICTS.length].code;

/**
 * POST /api/rounds/:id/applications: the domain's initial state, the row, the station workflow.
 * Resolves once the workflow is started, before it has run (a draft waits in `application`).
 */
export async function applyStation(env: BenchEnv, taskQueue: string, round: RoundState, index: number, draft = false): Promise<string> {
  const districtCode = districtOf(index);
  const name = `基准站点${String(index + 1).padStart(5, '0')}`;
  const application = applicationForm(districtCode, name); // as the API stores it (the form minus `draft`)
  const now = new Date();
  const state = createStation(
    { stationId: randomUUID(), roundId: round.roundId, districtCode, name, application, draft },
    districtActor(districtCode),
    now,
    { version: 0, deadlines: round.calendar.deadlines },
  );
  await env.ds.getRepository(StationEntity).insert({
    id: state.stationId,
    roundId: round.roundId,
    districtCode,
    name,
    stage: state.stage,
    outcome: null,
    level: null,
    overdue: state.overdue,
    nextDeadline: state.nextDeadline,
    application: state.application,
    state: {},
    version: 0,
    workflowId: stationWorkflowId(state.stationId),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  } as never);
  // With its round's calendar, as the API starts a station (CalendarHandOff): no query of the round.
  await env.client.workflow.start('stationWorkflow', {
    taskQueue,
    workflowId: stationWorkflowId(state.stationId),
    args: [{ state, calendar: round.calendar }],
    typedSearchAttributes: [
      { key: RoundIdAttribute, value: round.roundId },
      { key: DistrictCodeAttribute, value: districtCode },
      { key: StationStageAttribute, value: state.stage },
      { key: StationOverdueAttribute, value: state.overdue },
    ],
  });
  return state.stationId;
}

/** A human action on a station, as the API sends it: one Update, awaited until it completes. */
export function act(env: BenchEnv, stationId: string, action: StationAction, actor: Actor): Promise<StationState> {
  return env.client.workflow
    .getHandle(stationWorkflowId(stationId))
    .executeUpdate(stationActionUpdate(action.type), { args: [{ action, actor }] });
}

export const submit = (env: BenchEnv, stationId: string, index: number) =>
  act(env, stationId, { type: 'submit' }, districtActor(districtOf(index)));
export const recommend = (env: BenchEnv, stationId: string, index: number) =>
  act(env, stationId, { type: 'recommend', recommended: true, note: '材料齐全，择优推荐' }, districtActor(districtOf(index)));
export const file = (env: BenchEnv, stationId: string) => act(env, stationId, { type: 'file', filed: true, level: 'district' }, CITY);

/**
 * A new station taken to `stage`: applied (→ recommendation), recommended by its district
 * (→ filing), filed by the city (→ cultivation). `submitted`: saved as a draft, then submitted
 * (→ recommendation) — unlike a bare application, it resolves once the workflow has run.
 */
export async function stationAt(
  env: BenchEnv,
  taskQueue: string,
  round: RoundState,
  index: number,
  stage: 'submitted' | 'filing' | 'cultivation',
): Promise<string> {
  if (stage === 'submitted') {
    const draft = await applyStation(env, taskQueue, round, index, true);
    await submit(env, draft, index);
    return draft;
  }
  const id = await applyStation(env, taskQueue, round, index);
  await recommend(env, id, index);
  if (stage === 'filing') return id;
  const state = await file(env, id);
  if (state.stage !== 'cultivation') throw new Error(`station ${id} is in ${state.stage}, not cultivation`);
  return id;
}
