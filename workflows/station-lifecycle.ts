import {
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { StationActivities } from '../activities';
import {
  Actor,
  applyPanelAction,
  checkPanelAction,
  nextWakeUp,
  PanelAction,
  RoundCalendar,
  refreshDeadlineStatus,
  StationState,
} from '../libs/domain/src';
import { asFailure } from './failures';
import { ProjectionWriter } from './projection-writer';
import {
  AnyStationAction,
  PanelActionRequest,
  StationActionRequest,
  StationOverdueAttribute,
  StationStageAttribute,
  StationWorkflowInput,
} from './messages';
import { changeOrInstant, continueAsNewDue } from './waiting';

// Projection writes are quick and local to the worker's database: a local activity costs one
// history event instead of three. They retry until the database is back: nothing is lost.
const local = proxyLocalActivities<StationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
const activities = proxyActivities<StationActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** A station history stays far below this; the guard keeps a pathological one healthy. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 2_000;

/** A programme's station rules (pure domain code): the check and the effect of its actions. */
export interface StationRules<A extends AnyStationAction> {
  /** throws a DomainError when the action is refused (the Update's validator) */
  readonly check: (state: StationState, action: A, actor: Actor) => void;
  readonly apply: (state: StationState, action: A, actor: Actor, at: Date, calendar: RoundCalendar) => StationState;
}

/**
 * One station's path through a round, whatever its programme: the stages, every human action as
 * an Update (registered by the workflow, one `setHandler` per action), the deadline of its current
 * stage as a timer (overdue marking, the self-assessment window), and the round's calendar
 * changes as a signal.
 */
export class StationRun<A extends AnyStationAction> {
  state: StationState;
  /** absent on first start until fetched from the round */
  private calendar: RoundCalendar | undefined;
  readonly projection: ProjectionWriter<StationState>;

  constructor(
    input: StationWorkflowInput,
    private readonly rules: StationRules<A>,
    singleWriter: boolean,
  ) {
    this.state = input.state;
    this.calendar = input.calendar;
    this.projection = new ProjectionWriter(() => this.state, writeStationProjection, singleWriter);
  }

  /** The `calendarChanged` signal: the round's calendar, ignored unless newer. */
  readonly calendarChanged = (next: RoundCalendar): void => {
    if (!this.calendar || next.version > this.calendar.version) this.calendar = next;
  };

  /** Notices started by handlers and not finished yet: the workflow neither completes nor continues as new before they are. */
  private noticesInFlight = 0;

  /**
   * The handler of action `type`'s Update (the name decides the type, whatever the payload says).
   * `since`: asks the patch (docs/patches.md) that brought the action, a call of `patched` with the patch's name; a
   * history that took it without the patch's marker cannot exist, and is refused as the code before
   * the patch refused the Update.
   */
  act(type: A['type'], since?: () => boolean): (req: StationActionRequest<A>) => Promise<StationState> {
    return async (req) => {
      if (since && !since()) throw ApplicationFailure.nonRetryable(`未知操作：${type}`, 'WORKFLOW.REJECTED');
      if (!this.calendar) await condition(() => this.calendar !== undefined);
      // The state changes before the next await, so a concurrent Update is checked against it.
      this.state = asFailure(() => this.rules.apply(this.state, { ...req.action, type }, req.actor, new Date(), this.calendar!));
      await this.projection.written();
      return this.state;
    };
  }

  /**
   * Runs a notice (an activity that tells people) beside the workflow: the Update that caused it
   * answers without waiting for the mail server, and the station neither completes nor continues as
   * new before the notice is done.
   */
  notify(send: () => Promise<unknown>): void {
    this.noticesInFlight++;
    // The notice's activity retries until it is sent or recorded as failed (its own log tells the
    // city); the station's lifecycle does not depend on it.
    void send()
      .catch(() => undefined)
      .finally(() => this.noticesInFlight--);
  }

  private async noticesSent(): Promise<void> {
    if (this.noticesInFlight > 0) await condition(() => this.noticesInFlight === 0);
  }

  /** The validator of action `type`'s Update: a refused action never enters the history. */
  check(type: A['type']): (req: StationActionRequest<A>) => void {
    return (req) => asFailure(() => this.rules.check(this.state, { ...req.action, type }, req.actor));
  }

  /** The handler of a panel action's Update (experts assigned, an expert's review); same rules in both programmes. */
  panelAct<T extends PanelAction['type']>(type: T): (req: PanelActionRequest<T>) => Promise<StationState> {
    return async (req) => {
      this.state = asFailure(() => applyPanelAction(this.state, { ...req.action, type } as PanelAction, req.actor, new Date()));
      await this.projection.written();
      return this.state;
    };
  }

  /** The validator of a panel action's Update. */
  panelCheck<T extends PanelAction['type']>(type: T): (req: PanelActionRequest<T>) => void {
    return (req) => asFailure(() => checkPanelAction(this.state, { ...req.action, type } as PanelAction, req.actor));
  }

  /** The main loop: wait for a change or the next deadline, mark the deadline status, until closed. */
  async run(): Promise<StationState> {
    if (!this.calendar) this.calendar = await activities.fetchRoundCalendar(this.state.roundId);
    this.state = refreshDeadlineStatus(this.state, this.calendar, new Date()).state;
    await this.projection.written();

    while (this.state.stage !== 'closed') {
      await this.nextChangeOrDeadline(this.calendar!);
      await this.refreshDeadlineStatus(this.calendar!);
      if (continueAsNewDue(HISTORY_EVENTS_BEFORE_CONTINUE)) {
        await this.noticesSent();
        await this.projection.drain();
        // continues as the same workflow type, with the same rules
        await continueAsNew<(input: StationWorkflowInput) => Promise<StationState>>({ state: this.state, calendar: this.calendar });
      }
    }
    await this.noticesSent();
    await this.projection.drain();
    return this.state;
  }

  private async nextChangeOrDeadline(calendar: RoundCalendar): Promise<void> {
    const seenVersion = this.state.version;
    const seenCalendar = calendar.version;
    const changed = () => this.state.version !== seenVersion || this.calendar!.version !== seenCalendar;
    await changeOrInstant(changed, nextWakeUp(this.state, calendar));
  }

  private async refreshDeadlineStatus(calendar: RoundCalendar): Promise<void> {
    const refreshed = refreshDeadlineStatus(this.state, calendar, new Date());
    if (!refreshed.changed) return;
    this.state = refreshed.state;
    await this.projection.written();
  }
}

async function writeStationProjection(snapshot: StationState): Promise<void> {
  upsertSearchAttributes([
    { key: StationStageAttribute, value: snapshot.stage },
    { key: StationOverdueAttribute, value: snapshot.overdue },
  ]);
  await local.projectStation(snapshot);
}
