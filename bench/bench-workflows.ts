/**
 * The benchmark's workflow bundle entry: the production workflows exactly as workflows/index.ts
 * exports them, plus two baselines that do nothing of the domain. They live here, not in
 * workflows/index.ts, so that production workers never register them. Bundled at bench start-up
 * (bench/bench-env.ts); deterministic code only, like everything under workflows/.
 */
import { condition, defineSignal, setHandler, sleep } from '@temporalio/workflow';

export * from '../workflows';

export const releaseSignal = defineSignal('release');

/** Completes at once: the cost of a workflow as such (start, one workflow task, completion). */
export async function noopWorkflow(): Promise<void> {
  return;
}

/**
 * Holds a place in the worker's cache and does nothing until the `release` signal. With `wakeAt`
 * (ISO instant) it is also a bare timer: it sleeps until then, wakes (one workflow task with no
 * command) and parks again — what a station does at its deadline, minus the domain's work.
 */
export async function parkedWorkflow(input: { wakeAt?: string } = {}): Promise<void> {
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  if (input.wakeAt) await sleep(Math.max(1, Date.parse(input.wakeAt) - Date.now()));
  await condition(() => released);
}
