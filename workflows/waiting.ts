import { condition, workflowInfo } from '@temporalio/workflow';

/** ms until an ISO instant, never negative; the extra second makes "after the deadline" strict. */
export function msUntilAfter(iso: string, now: number): number {
  return Math.max(0, Date.parse(iso) - now + 1000);
}

/**
 * Sleeps until `changed()` holds or, if there is one, until just after `instant` (one timer,
 * cancelled when the change comes first). The caller then looks again at what is due.
 */
export async function changeOrInstant(changed: () => boolean, instant: string | null | undefined): Promise<void> {
  if (instant) await condition(changed, msUntilAfter(instant, Date.now()));
  else await condition(changed);
}

/** Temporal suggests a fresh run, or the history has grown past the workflow's own limit. */
export function continueAsNewDue(maxEvents: number): boolean {
  return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > maxEvents;
}
