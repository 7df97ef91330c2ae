import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { AppConfig } from '@app/config';
import type {
  PanelAction,
  RoundCalendar,
  RoundPanelInput,
  RoundState,
  StarRatingAction,
  StationAction,
  StationState,
  Actor,
} from '@app/domain';
import {
  assignExpertsUpdate,
  calendarChangedSignal,
  changeDeadlinesUpdate,
  DeadlineChangeRequest,
  DistrictCodeAttribute,
  promoteUpdate,
  publishUpdate,
  RoundActionRequest,
  RoundIdAttribute,
  reviewUpdate,
  setPanelUpdate,
  roundStateQuery,
  roundWorkflowId,
  stationActionUpdate,
  StationOverdueAttribute,
  StationStageAttribute,
  stationStateQuery,
  stationWorkflowId,
  stationWorkflowType,
} from '@app/workflows/messages';
import { CONFIG, TEMPORAL_CLIENT } from './tokens';
import { temporalFailure } from './workflow-failures';

/**
 * The API's only door to Temporal: starts workflows and sends them Updates and queries by the shared
 * message definitions (it never imports workflow implementations; workflows are named by type).
 */
@Injectable()
export class WorkflowGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async startRound(state: RoundState): Promise<void> {
    await this.client.workflow.start('roundWorkflow', {
      taskQueue: this.config.temporal.taskQueue,
      workflowId: roundWorkflowId(state.roundId),
      args: [{ state }],
      typedSearchAttributes: [{ key: RoundIdAttribute, value: state.roundId }],
    });
  }

  /**
   * Starts a station's workflow with its round's calendar (see CalendarHandOff): without one, the
   * station would ask the round workflow for it, and a bulk import would have every new station ask
   * at once.
   */
  async startStation(state: StationState, calendar: RoundCalendar): Promise<void> {
    try {
      await this.client.workflow.start(stationWorkflowType(state.programme), {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: stationWorkflowId(state.stationId),
        args: [{ state, calendar }],
        typedSearchAttributes: [
          { key: RoundIdAttribute, value: state.roundId },
          { key: DistrictCodeAttribute, value: state.districtCode },
          { key: StationStageAttribute, value: state.stage },
          { key: StationOverdueAttribute, value: state.overdue },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }

  /** Tells a station of its round's newer calendar (what the round's own broadcast does); false if it has ended. */
  async sendCalendar(stationId: string, calendar: RoundCalendar): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(stationWorkflowId(stationId)).signal(calendarChangedSignal, calendar);
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  roundState(roundId: string): Promise<RoundState> {
    return this.client.workflow.getHandle(roundWorkflowId(roundId)).query(roundStateQuery);
  }

  changeDeadlines(roundId: string, req: DeadlineChangeRequest): Promise<RoundState> {
    return update(() => this.client.workflow.getHandle(roundWorkflowId(roundId)).executeUpdate(changeDeadlinesUpdate, { args: [req] }));
  }

  publish(roundId: string, req: RoundActionRequest): Promise<RoundState> {
    return update(() => this.client.workflow.getHandle(roundWorkflowId(roundId)).executeUpdate(publishUpdate, { args: [req] }));
  }

  promote(roundId: string, req: RoundActionRequest): Promise<RoundState> {
    return update(() => this.client.workflow.getHandle(roundWorkflowId(roundId)).executeUpdate(promoteUpdate, { args: [req] }));
  }

  setPanel(roundId: string, panel: RoundPanelInput, actor: Actor): Promise<RoundState> {
    return update(() =>
      this.client.workflow.getHandle(roundWorkflowId(roundId)).executeUpdate(setPanelUpdate, { args: [{ panel, actor }] }),
    );
  }

  /** An expert-panel action on a station (experts assigned, a review), as its Update. */
  panelAct(stationId: string, action: PanelAction, actor: Actor): Promise<StationState> {
    const handle = this.client.workflow.getHandle(stationWorkflowId(stationId));
    return update(() =>
      action.type === 'assign_experts'
        ? handle.executeUpdate(assignExpertsUpdate, { args: [{ action, actor }] })
        : handle.executeUpdate(reviewUpdate, { args: [{ action, actor }] }),
    );
  }

  stationState(stationId: string): Promise<StationState> {
    return this.client.workflow.getHandle(stationWorkflowId(stationId)).query(stationStateQuery);
  }

  /** What Temporal knows of a workflow, for admins: status, run, history length, pending activities, state. */
  async describe(workflowId: string) {
    const handle = this.client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    const raw = d.raw;
    const state = await handle.query<unknown>('state').catch((e: Error) => ({ unavailable: e.message }));
    return {
      workflowId,
      runId: d.runId,
      type: d.type,
      status: d.status.name,
      startTime: d.startTime.toISOString(),
      closeTime: d.closeTime?.toISOString() ?? null,
      historyLength: d.historyLength,
      historySizeBytes: Number(raw.workflowExecutionInfo?.historySizeBytes ?? 0),
      pendingActivities: (raw.pendingActivities ?? []).map((a) => ({
        activityId: a.activityId,
        type: a.activityType?.name,
        state: a.state,
        attempt: a.attempt,
        lastFailure: a.lastFailure?.message ?? null,
      })),
      searchAttributes: Object.fromEntries(d.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])),
      state,
      temporalUi: `${this.config.temporal.uiUrl}/namespaces/${encodeURIComponent(this.config.temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}`,
    };
  }

  /**
   * The workflow's own view of its state, the authority the projection is repaired from: queried
   * while it runs, its result once it completed (a completed workflow's result is its final state).
   * Null when Temporal has no such workflow.
   */
  async authoritativeState<T>(workflowId: string): Promise<{ status: string; state: T } | null> {
    const handle = this.client.workflow.getHandle(workflowId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw e;
    }
    const state = status === 'COMPLETED' ? ((await handle.result()) as T) : await handle.query<T>('state');
    return { status, state };
  }

  /** Ids of every round workflow that Temporal's visibility store knows of. */
  listRoundWorkflowIds(): AsyncIterable<string> {
    return this.listWorkflowIds(`WorkflowType = 'roundWorkflow'`);
  }

  /** Ids of a round's station workflows, whatever the programme's workflow type. */
  listStationWorkflowIds(roundId: string): AsyncIterable<string> {
    return this.listWorkflowIds(`${RoundIdAttribute.name} = '${roundId.replace(/'/g, '')}' AND WorkflowType != 'roundWorkflow'`);
  }

  private async *listWorkflowIds(query: string): AsyncIterable<string> {
    for await (const w of this.client.workflow.list({ query })) yield w.workflowId;
  }

  /** A station action, sent as the Update named after it (both programmes use the same names). */
  act(stationId: string, action: StationAction | StarRatingAction, actor: Actor): Promise<StationState> {
    const handle = this.client.workflow.getHandle(stationWorkflowId(stationId));
    return update(() => handle.executeUpdate(stationActionUpdate(action.type), { args: [{ action, actor }] }));
  }
}

/** Sends an Update; a failure leaves as an ApiError with a stable code (temporalFailure), never as a bare Temporal error. */
async function update<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    throw temporalFailure(e) ?? e;
  }
}
