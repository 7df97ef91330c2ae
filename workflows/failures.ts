import { ApplicationFailure } from '@temporalio/workflow';
import { isDomainError } from '../libs/domain/src/errors';

/**
 * Runs a domain rule and turns a broken rule into an ApplicationFailure whose `type` is the
 * domain's stable code, so that a rejected Update reaches the caller with that code (and an
 * Update handler's error fails the Update, not the workflow task).
 */
export function asFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isDomainError(e)) {
      throw ApplicationFailure.create({ type: e.code, message: e.message, details: [e.details ?? null], nonRetryable: true });
    }
    throw e;
  }
}
