import { allHandlersFinished, condition } from '@temporalio/workflow';

/**
 * Writes a workflow's projection (a local activity). The main loop and the Update handlers change
 * the state and call `written()`, which returns once the change is in the projection.
 *
 * With `singleWriter` (patch `projection-single-writer`, docs/patches.md) the writes come from ONE
 * coroutine of their own, started by `startProjectionWriter`. Why: when an Update handler and the
 * main loop each start a local activity in the same workflow task, replay may resolve the two in
 * another order than the original run did, and the commands that follow (a timer, the Update's
 * completion) come out reordered: a nondeterminism error that leaves the workflow stuck after a
 * worker restart. With one writer there is one local activity at a time, and the writer never
 * waits on the main loop's activities (a reminder run can be long). Workflows started before the
 * patch write from every coroutine, and go on doing so.
 */
export class ProjectionWriter<S extends { version: number }> {
  private projected = 0;
  private finished = false;

  constructor(
    private readonly current: () => S,
    private readonly write: (state: S) => Promise<void>,
    readonly singleWriter: boolean,
  ) {}

  private get stale(): boolean {
    return this.current().version > this.projected;
  }

  /** The writer coroutine: whenever the state is newer than the projection, write it. */
  async run(): Promise<void> {
    for (;;) {
      await condition(() => this.stale || this.finished);
      if (!this.stale) return;
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const snapshot = this.current();
    if (snapshot.version <= this.projected) return;
    await this.write(snapshot);
    this.projected = Math.max(this.projected, snapshot.version);
  }

  /** After changing the state (any coroutine): returns once the change is in the projection. */
  async written(): Promise<void> {
    if (!this.singleWriter) return this.flush();
    const version = this.current().version;
    await condition(() => this.projected >= version);
  }

  /** Before continuing as new or completing: every handler has finished and its change is written. */
  async drain(): Promise<void> {
    if (!this.singleWriter) return condition(allHandlersFinished);
    await condition(() => allHandlersFinished() && !this.stale);
    this.finished = true;
  }
}

/**
 * Starts the single writer's coroutine. Call it where the workflow used to construct its writer
 * (before the first await): the coroutine's first condition must keep its place among the others.
 */
export function startProjectionWriter<S extends { version: number }>(projection: ProjectionWriter<S>): void {
  void projection.run();
}
