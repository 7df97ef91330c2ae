import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ReminderActivities, RoundActivities } from '../activities';

/**
 * The round workflow's activities, grouped by how they run (the options are part of the commands a
 * running round has recorded: change them only knowingly).
 */

/** The projection write: quick and local to the worker's database, so a local activity. */
export const local = proxyLocalActivities<RoundActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Round-wide fan-out can take a while at tens of thousands of stations: it heartbeats its cursor
 * so that a retry after a worker crash resumes where it stopped.
 */
export const fanOut = proxyActivities<RoundActivities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Reminders and notices by mail, and the work calendar they are planned with. Transient SMTP
 * failures retry with backoff for as long as it takes (a permanent one is recorded by the activity
 * and not thrown); the heartbeat lets a crashed worker's attempt be retried soon.
 */
export const reminderActivities = proxyActivities<ReminderActivities>({
  startToCloseTimeout: '1h',
  heartbeatTimeout: '20s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/** A read of the projection: which stations keep the round from promotion or wait for a list. */
export const projectionReads = proxyActivities<RoundActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
