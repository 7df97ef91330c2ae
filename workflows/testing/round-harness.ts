import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  Actor,
  createStarRatingStation,
  createStation,
  DeadlineKey,
  EscalationPort,
  PriorRating,
  Programme,
  RoundDeadlines,
  RoundState,
  resolveReminderPolicy,
  resolveStarRatingSettings,
  StarRatingAction,
  StationAction,
  StationState,
  validatePriorRatings,
  addDays,
  atShanghaiTime,
  dayOfWeek,
} from '@app/domain';
import { openDatabase, RoundEntity, StationEntity, toRoundRow, WorkCalendarRepository } from '@app/persistence';
import { ensureSearchAttributes, findTemporalBinary } from '@app/temporal';
import { buildActivities } from '../../apps/worker/src/worker';
import {
  changeDeadlinesUpdate,
  promoteUpdate,
  publishUpdate,
  roundStateQuery,
  roundWorkflowId,
  stationActionUpdate,
  stationStateQuery,
  stationWorkflowId,
  stationWorkflowType,
} from '../messages';

export type HarnessActivities = ReturnType<typeof buildActivities>;

export const CITY: Actor = { id: 'city', name: '市三方办', role: 'city' };
export const districtActor = (code: string): Actor => ({ id: `d-${code}`, name: `区县${code}`, role: 'district' });

/** Escalations the round raised, as the workflow test sees them. */
export class RecordingEscalation implements EscalationPort {
  readonly calls: { key: DeadlineKey; owing: { districtCode: string; count: number }[] }[] = [];
  async deadlinePassed(
    _round: RoundState,
    key: DeadlineKey,
    _deadline: string,
    owing: { districtCode: string; count: number }[],
  ): Promise<void> {
    this.calls.push({ key, owing });
  }
}

/**
 * A round on the Temporal time-skipping test server, with the real worker activities against a
 * real SQLite database (the projection) — no mocks of Temporal or the database.
 */
export class RoundHarness {
  readonly taskQueue = `test-${randomUUID()}`;
  readonly escalation = new RecordingEscalation();
  worker!: Worker;
  private dir!: string;
  ds!: DataSource;

  constructor(readonly env: TestWorkflowEnvironment) {}

  static async timeSkipping(): Promise<TestWorkflowEnvironment> {
    const binary = findTemporalBinary('temporal-test-server');
    const env = await TestWorkflowEnvironment.createTimeSkipping(
      binary ? { server: { executable: { type: 'existing-path', path: binary } } } : {},
    );
    // The workflows upsert custom search attributes; the test server must know them like a real one.
    await ensureSearchAttributes(env.connection as Connection, env.namespace ?? 'default');
    return env;
  }

  /** `perturb` may wrap the real activities (e.g. slow some down to shake out ordering bugs). */
  async open(
    perturb: (activities: HarnessActivities) => HarnessActivities = (a) => a,
    options: Partial<WorkerOptions> = {},
  ): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stations-wf-'));
    this.ds = await openDatabase({ type: 'sqlite', file: path.join(this.dir, 'app.sqlite') }, { migrate: true });
    await this.pinClock();
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowsPath: require.resolve('../index'),
      activities: perturb(buildActivities({ dataSource: this.ds, client: this.env.client, escalation: this.escalation })),
      ...options,
    });
  }

  /**
   * Moves the server to the spec's pinned start (`pinnedStart`) and declares the work calendar of
   * the years a story spans as plain Monday–Friday, so that every spec meets weekends and the 09:00
   * send time at the same points whenever it runs. The time-skipping server starts at the wall
   * clock; a story written as `at(t0, days)` from there met them at other points at other hours
   * (a self-score escalation expected at t0 + 201 d went out at t0 + 203 d when run at 02:40 on a
   * Monday in Shanghai). Holidays are the domain's unit specs' business, not the stories'.
   */
  private async pinClock(): Promise<void> {
    const start = pinnedStart(await this.now());
    const year = Number(new Date(start).toISOString().slice(0, 4));
    const plain = { holidays: [], adjustedWorkdays: [] };
    await new WorkCalendarRepository(this.ds).put(
      { years: { [year]: plain, [year + 1]: plain } },
      '工作流测试：仅周一至周五',
      'round-harness',
    );
    await this.env.sleep(start - (await this.now()));
  }

  async close(): Promise<void> {
    await this.ds.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  async startRound(
    deadlines: RoundDeadlines,
    code = `r-${randomUUID().slice(0, 8)}`,
    programme: Programme = 'six-haves',
  ): Promise<RoundState> {
    const star = programme === 'star-rating';
    const state: RoundState = {
      roundId: randomUUID(),
      code,
      name: '测试批次',
      programme,
      status: 'open',
      calendar: { version: 1, deadlines, ...(star ? { programme } : {}) },
      serviceCutoff: '2023-10-31',
      reminderPolicy: resolveReminderPolicy(undefined),
      cityContacts: [],
      changes: [],
      escalations: [],
      publication: null,
      promotion: null,
      createdBy: CITY,
      createdAt: new Date(await this.now()).toISOString(),
      version: 1,
      ...(star ? { starRating: resolveStarRatingSettings(undefined, deadlines) } : {}),
    };
    await this.ds.getRepository(RoundEntity).insert({ ...toRoundRow(state), version: 0 } as never);
    await this.env.client.workflow.start('roundWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: roundWorkflowId(state.roundId),
      args: [{ state }],
    });
    return state;
  }

  /** What the API does on an application: the domain's initial state, the row, the workflow. */
  async apply(round: RoundState, name: string, districtCode: string, draft = false): Promise<string> {
    const state = createStation(
      { stationId: randomUUID(), roundId: round.roundId, districtCode, name, application: { stationName: name }, draft },
      districtActor(districtCode),
      new Date(await this.now()),
      round.calendar,
    );
    await this.startStation(state);
    return state.stationId;
  }

  /** What the API does on a star-rating registration (登记): the domain's initial state, the row, the workflow. */
  async register(
    round: RoundState,
    name: string,
    districtCode: string,
    opts: { draft?: boolean; priorRatings?: PriorRating[] } = {},
  ): Promise<string> {
    const settings = round.starRating!;
    const state = createStarRatingStation(
      {
        stationId: randomUUID(),
        roundId: round.roundId,
        districtCode,
        name,
        application: { stationName: name },
        draft: opts.draft ?? false,
        settings,
        priorRatings: validatePriorRatings(opts.priorRatings, settings.ratingYear),
      },
      districtActor(districtCode),
      new Date(await this.now()),
      round.calendar,
    );
    await this.startStation(state);
    return state.stationId;
  }

  private async startStation(state: StationState): Promise<void> {
    await this.ds.getRepository(StationEntity).insert({
      id: state.stationId,
      roundId: state.roundId,
      districtCode: state.districtCode,
      name: state.name,
      stage: state.stage,
      outcome: null,
      level: null,
      overdue: false,
      nextDeadline: state.nextDeadline,
      application: state.application,
      state: {},
      version: 0,
      workflowId: stationWorkflowId(state.stationId),
      createdAt: state.history[0].at,
      updatedAt: state.history[0].at,
    } as never);
    await this.env.client.workflow.start(stationWorkflowType(state.programme), {
      taskQueue: this.taskQueue,
      workflowId: stationWorkflowId(state.stationId),
      args: [{ state }],
    });
  }

  act(stationId: string, action: StationAction, actor: Actor): Promise<StationState> {
    return this.env.client.workflow
      .getHandle(stationWorkflowId(stationId))
      .executeUpdate(stationActionUpdate(action.type), { args: [{ action, actor }] });
  }

  /** An action on a star-rating station (its workflow's Updates). */
  actStar(stationId: string, action: StarRatingAction, actor: Actor): Promise<StationState> {
    return this.env.client.workflow
      .getHandle(stationWorkflowId(stationId))
      .executeUpdate(stationActionUpdate(action.type), { args: [{ action, actor }] });
  }

  /** The stable code of a refused action (the Update's ApplicationFailure type). */
  async refusal(stationId: string, action: StationAction | StarRatingAction, actor: Actor): Promise<string> {
    try {
      await (isStarRatingOnly(action) ? this.actStar(stationId, action, actor) : this.act(stationId, action as StationAction, actor));
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) return e.cause.type ?? 'untyped';
      throw e;
    }
    throw new Error('the action was accepted');
  }

  station(stationId: string): Promise<StationState> {
    return this.env.client.workflow.getHandle(stationWorkflowId(stationId)).query(stationStateQuery);
  }

  row(stationId: string): Promise<StationEntity> {
    return this.ds.getRepository(StationEntity).findOneByOrFail({ id: stationId });
  }

  round(roundId: string): Promise<RoundState> {
    return this.env.client.workflow.getHandle(roundWorkflowId(roundId)).query(roundStateQuery);
  }

  changeDeadlines(roundId: string, deadlines: Partial<RoundDeadlines>, reason: string): Promise<RoundState> {
    return this.env.client.workflow
      .getHandle(roundWorkflowId(roundId))
      .executeUpdate(changeDeadlinesUpdate, { args: [{ deadlines, reason, actor: CITY }] });
  }

  publish(roundId: string, documentNo: string): Promise<RoundState> {
    return this.env.client.workflow
      .getHandle(roundWorkflowId(roundId))
      .executeUpdate(publishUpdate, { args: [{ actor: CITY, documentNo }] });
  }

  promote(roundId: string, summary: string): Promise<RoundState> {
    return this.env.client.workflow.getHandle(roundWorkflowId(roundId)).executeUpdate(promoteUpdate, { args: [{ actor: CITY, summary }] });
  }

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }
}

/** The star-rating actions whose Updates only the star-rating station workflow has. */
function isStarRatingOnly(action: StationAction | StarRatingAction): action is StarRatingAction {
  return action.type === 'self_score' || action.type === 'district_review' || action.type === 'city_rate';
}

export const DAY = 24 * 3600_000;
export const at = (t0: number, days: number) => new Date(t0 + days * DAY).toISOString();

/**
 * Where a spec's simulated year begins: 10:00 Asia/Shanghai on the first Monday on or after 5 January
 * two years after `serverNowMs`. Always a Monday morning in the same place of a year the shipped work
 * calendar does not cover, so `at(t0, 200)` is always a Friday 10:00 and the year turns at t0 + ~360 d.
 */
export function pinnedStart(serverNowMs: number): number {
  const year = new Date(serverNowMs).getUTCFullYear() + 2;
  let day = `${year}-01-05`;
  while (dayOfWeek(day) !== 1) day = addDays(day, 1);
  return atShanghaiTime(day, '10:00').getTime();
}

/** Polls `check` (real time) until it holds: timers fire as time skips, and the workflow task that follows may still be running. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A harness on its own time-skipping server for one spec file: opened before its tests, closed
 * after them. Returns an accessor, since the harness exists only once `beforeAll` has run.
 */
export function useRoundHarness(
  perturb?: (activities: HarnessActivities) => HarnessActivities,
  options?: Partial<WorkerOptions>,
): () => RoundHarness {
  let env: TestWorkflowEnvironment | undefined;
  let h: RoundHarness | undefined;
  beforeAll(async () => {
    env = await RoundHarness.timeSkipping();
    h = new RoundHarness(env);
    await h.open(perturb, options);
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
  });
  return () => h!;
}
