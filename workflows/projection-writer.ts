import { allHandlersFinished, condition, patched } from '@temporalio/workflow';

/**
 * Writes a workflow's projection (a local activity) from ONE coroutine of its own. The main loop
 * and the Update handlers change the state and call `written()`, which returns once the change is
 * in the projection.
 *
 * Why: when an Update handler and the main loop each start a local activity in the same workflow
 * task, replay may resolve the two in another order than the original run did, and the commands
 * that follow (a timer, the Update's completion) come out reordered: a nondeterminism error that
 * leaves the workflow stuck after a worker restart. With one writer there is one local activity at
 * a time, and the writer never waits on the main loop's activities (a reminder run can be long).
 *
 * Workflows started before this existed wrote from every coroutine; they replay with `singleWriter`
 * false (patch `projection-single-writer`) and go on doing so.
 */
export class ProjectionWriter<S extends { version: number }> {
  readonly singleWriter = patched('projection-single-writer');
  private projected = 0;
  private finished = false;

  constructor(
    private readonly current: () => S,
    private readonly write: (state: S) => Promise<void>,
  ) {
    if (this.singleWriter) void this.run();
  }

  private get stale(): boolean {
    return this.current().version > this.projected;
  }

  /** The writer: whenever the state is newer than the projection, write it. */
  private async run(): Promise<void> {
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
