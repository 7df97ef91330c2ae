/**
 * The benchmark's baseline workflows, which do nothing of the domain. Bundled on their own (the
 * SDK's floor: a bundle with no domain code) and, through bench/bench-workflows.ts, beside the
 * production workflows. Never part of workflows/index.ts, so production workers never register
 * them. Deterministic code only, like everything under workflows/.
 */
import { condition, defineSignal, setHandler, sleep } from '@temporalio/workflow';

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

/**
 * Bench only: a full garbage collection of the workflow thread this runs in, so that memory
 * readings do not count garbage of the sandbox's heap. V8's `gc` is there only when the bench
 * exposed it before the worker started (bench/measure-kit.ts collectGarbage); resolves whether it was.
 */
export async function collectGarbageWorkflow(): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}
