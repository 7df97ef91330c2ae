import {
  assertPromotable,
  assertRoundDates,
  assertSomethingToPublish,
  changeDeadlines,
  checkPublication,
  DomainError,
  PublicationRecord,
  publicationsOf,
  ROUND_STATUS_LABELS,
  RoundState,
  setRoundPanel,
  STAGES_BLOCKING_PROMOTION,
} from '../libs/domain/src';
import { asFailure } from './failures';
import { DeadlineChangeRequest, RoundActionRequest, RoundPanelRequest } from './messages';
import { ProjectionWriter } from './projection-writer';
import { fanOut, local, projectionReads } from './round-activities';

/**
 * One round's state and what its Updates do: change deadlines, publish a list, promote. The
 * workflow (round.workflow.ts) registers them and runs the round's loop; each Update has a handler
 * and a validator here (a validator does not run on replay, so a validator's rule needs no patch).
 */
export class Round {
  state: RoundState;
  readonly projection: ProjectionWriter<RoundState>;
  // A list being published or the round being promoted: a second publish or promote waits its turn.
  private publishing = false;
  private promoting = false;

  constructor(
    state: RoundState,
    /** patch `supplementary-lists` (docs/patches.md) */
    private readonly supplementaryLists: boolean,
    singleWriter: boolean,
  ) {
    this.state = state;
    this.projection = new ProjectionWriter(
      () => this.state,
      (snapshot) => local.projectRound(snapshot),
      singleWriter,
    );
  }

  /** The next version of the state (every version reaches the projection). */
  bump(patch: Partial<RoundState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
  }

  // ---- changeDeadlines ----

  async changeDeadlines(req: DeadlineChangeRequest): Promise<RoundState> {
    const { calendar, change } = asFailure(() =>
      changeDeadlines(this.state.calendar, req.deadlines, req.actor.name, req.reason, new Date()),
    );
    this.bump({ calendar, changes: [...this.state.changes, change] });
    await this.projection.written();
    await fanOut.broadcastCalendar(this.state.roundId, calendar);
    return this.state;
  }

  validateDeadlineChange(req: DeadlineChangeRequest): void {
    asFailure(() => {
      if (this.state.status === 'closed') this.requireStatus('open', '调整截止日期');
      // The new dates only (a repair must not be refused for a date it leaves alone).
      assertRoundDates(req.deadlines);
      changeDeadlines(this.state.calendar, req.deadlines, req.actor.name, req.reason, new Date());
    });
  }

  // ---- publish ----

  async publish(req: RoundActionRequest): Promise<RoundState> {
    if (this.supplementaryLists) return this.publishList(req);
    asFailure(() => this.requireStatus('open', '发布名单'));
    this.bump({ status: 'published' }); // before any await: a second publish is refused
    const listed = await fanOut.applyToStations(
      this.state.roundId,
      'publication',
      { type: 'publish', documentNo: req.documentNo },
      req.actor,
    );
    this.bump({ publication: { documentNo: req.documentNo ?? null, at: new Date().toISOString(), by: req.actor.name, listed } });
    await this.projection.written();
    return this.state;
  }

  validatePublish(req: RoundActionRequest): void {
    asFailure(() => {
      if (!this.supplementaryLists) return this.requireStatus('open', '发布名单');
      this.requireIdle();
      checkPublication(this.state, req.documentNo);
    });
  }

  /**
   * The first list, or a supplementary list (补充名单) of the stations that reached `publication`
   * after the last one, each with its own document number, until promotion.
   */
  private async publishList(req: RoundActionRequest): Promise<RoundState> {
    const { supplementary } = asFailure(() => {
      this.requireIdle();
      return checkPublication(this.state, req.documentNo);
    });
    this.publishing = true; // before any await: a second publish or a promote is refused meanwhile
    try {
      if (supplementary) {
        const waiting = await projectionReads.stationsIn(this.state.roundId, ['publication'], 0);
        asFailure(() => assertSomethingToPublish(waiting.total));
      } else {
        this.bump({ status: 'published' });
      }
      const documentNo = req.documentNo?.trim() || undefined;
      const listed = await fanOut.applyToStations(this.state.roundId, 'publication', { type: 'publish', documentNo }, req.actor);
      const record: PublicationRecord = {
        documentNo: documentNo ?? null,
        at: new Date().toISOString(),
        by: req.actor.name,
        listed,
        ...(supplementary ? { supplementary } : {}),
      };
      const publications = [...publicationsOf(this.state), record];
      this.bump({ publication: publications[0], publications });
    } finally {
      this.publishing = false;
    }
    await this.projection.written();
    return this.state;
  }

  // ---- promote ----

  async promote(req: RoundActionRequest): Promise<RoundState> {
    asFailure(() => this.requireStatus('published', '总结推广'));
    if (this.supplementaryLists) {
      asFailure(() => this.requireIdle());
      this.promoting = true;
      try {
        // The city decides every station first; the ones that passed go on a supplementary list.
        const open = await projectionReads.stationsIn(this.state.roundId, STAGES_BLOCKING_PROMOTION);
        asFailure(() => assertPromotable(open));
      } finally {
        this.promoting = false;
      }
    }
    const summary = (req.summary ?? '').trim();
    this.bump({ status: 'closed', promotion: { summary, at: new Date().toISOString(), by: req.actor.name } });
    await fanOut.applyToStations(this.state.roundId, 'promotion', { type: 'promote', summary }, req.actor);
    await this.projection.written();
    return this.state;
  }

  validatePromote(req: RoundActionRequest): void {
    asFailure(() => {
      this.requireStatus('published', '总结推广');
      if (this.supplementaryLists) this.requireIdle();
      if (typeof req.summary !== 'string' || !req.summary.trim()) throw new DomainError('VALIDATION_FAILED', '请填写总结（summary）');
    });
  }

  // ---- setPanel (the city's expert panel; panel/round-panel.ts) ----

  async setPanel(req: RoundPanelRequest): Promise<RoundState> {
    this.state = asFailure(() => setRoundPanel(this.state, req.panel, req.actor, new Date()));
    await this.projection.written();
    return this.state;
  }

  validateSetPanel(req: RoundPanelRequest): void {
    asFailure(() => setRoundPanel(this.state, req.panel, req.actor, new Date()));
  }

  // ---- rules shared by the Updates ----

  private requireIdle(): void {
    if (this.publishing) throw new DomainError('CONFLICT', '名单正在发布中，请稍后再试');
    if (this.promoting) throw new DomainError('CONFLICT', '正在总结推广，请稍后再试');
  }

  private requireStatus(status: RoundState['status'], what: string): void {
    if (this.state.status !== status) {
      throw new DomainError('ROUND.CLOSED', `本批次当前状态为「${ROUND_STATUS_LABELS[this.state.status]}」，不能${what}`, {
        status: this.state.status,
      });
    }
  }
}
