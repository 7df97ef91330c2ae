import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { statusOfCode } from './error-codes';
import { temporalFailure } from './workflow-failures';

/** What the API answers: the code, and its HTTP status. */
function answer(e: unknown): [string, number] | null {
  const f = temporalFailure(e);
  return f ? [f.code, statusOfCode(f.code)] : null;
}
const updateFailed = (cause?: Error) => new WorkflowUpdateFailedError('Workflow Update failed', cause);
const grpc = (code: number, message: string) =>
  new ServiceError('Workflow Update failed', { cause: Object.assign(new Error(`${code} ${message}`), { code }) });

describe('a failed Update as the API answers it', () => {
  it('keeps the code the workflow gave (asFailure), with its details', () => {
    const f = temporalFailure(
      updateFailed(
        ApplicationFailure.create({
          type: 'VALIDATION_FAILED',
          message: '日期无效',
          details: [[{ field: 'deadlines.promotion' }]],
          nonRetryable: true,
        }),
      ),
    );
    expect([f?.code, f?.message, f?.details]).toEqual(['VALIDATION_FAILED', '日期无效', [{ field: 'deadlines.promotion' }]]);
    expect(answer(updateFailed(ApplicationFailure.create({ type: 'STATION.WRONG_STAGE', message: '阶段不符' })))).toEqual([
      'STATION.WRONG_STAGE',
      409,
    ]);
    expect(answer(updateFailed(ApplicationFailure.create({ type: 'ROUND.SOMETHING_NEW', message: '新规则' })))).toEqual([
      'ROUND.SOMETHING_NEW',
      409,
    ]);
  });

  it('answers a failure without a code of ours (a plain error in the workflow) as 409 WORKFLOW.REJECTED, never 500', () => {
    expect(answer(updateFailed(ApplicationFailure.create({ type: 'RangeError', message: 'Invalid time value' })))).toEqual([
      'WORKFLOW.REJECTED',
      409,
    ]);
    expect(answer(updateFailed(ApplicationFailure.create({ message: 'no type' })))).toEqual(['WORKFLOW.REJECTED', 409]);
    expect(answer(updateFailed(new Error('cancelled')))).toEqual(['WORKFLOW.REJECTED', 409]);
    expect(answer(updateFailed())).toEqual(['WORKFLOW.REJECTED', 409]);
  });

  it('answers a workflow whose tasks fail as 409 WORKFLOW.TASK_FAILED', () => {
    expect(
      answer(grpc(9, 'FAILED_PRECONDITION: Unable to perform workflow execution update due to Workflow Task in failed state.')),
    ).toEqual(['WORKFLOW.TASK_FAILED', 409]);
  });

  it('answers Temporal out of reach or overloaded as 503, a missing workflow as 404', () => {
    expect(answer(grpc(14, 'UNAVAILABLE'))).toEqual(['UNAVAILABLE', 503]);
    expect(answer(grpc(8, 'RESOURCE_EXHAUSTED'))).toEqual(['UNAVAILABLE', 503]);
    expect(answer(grpc(5, 'NOT_FOUND'))).toEqual(['NOT_FOUND', 404]);
    expect(answer(new WorkflowNotFoundError('gone', 'round-x', undefined))).toEqual(['NOT_FOUND', 404]);
    expect(answer(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'))).toEqual(['UNAVAILABLE', 503]);
  });

  it('leaves other errors alone', () => {
    expect(temporalFailure(new Error('boom'))).toBeNull();
  });
});
