import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError, STATUS_OF_CODE } from './error-codes';

/** gRPC status codes Temporal's frontend answers with (google.rpc.Code). */
const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, FAILED_PRECONDITION: 9 } as const;

/** A domain code as the workflows raise them (asFailure): listed, or namespaced like `STATION.WRONG_STAGE`. */
function isStableCode(type: string | undefined | null): type is string {
  return !!type && (type in STATUS_OF_CODE || /^[A-Z]+(_[A-Z]+)*\.[A-Z]+(_[A-Z]+)*$/.test(type));
}

/**
 * A Temporal client error as the API answers it, with a stable code; null for anything else.
 * Never a 500: a failed Update is the workflow's answer (its domain code), a refusal without a
 * code (409 WORKFLOW.REJECTED), a workflow whose tasks are failing (409 WORKFLOW.TASK_FAILED:
 * it takes no Update until an admin repairs it; GET …/workflow shows why), or Temporal being
 * out of reach (503 UNAVAILABLE).
 */
export function temporalFailure(e: unknown): ApiError | null {
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    if (cause instanceof ApplicationFailure && isStableCode(cause.type))
      return new ApiError(cause.type, cause.message, cause.details?.[0] ?? undefined);
    const reason = cause instanceof ApplicationFailure ? cause.type : cause?.name;
    return new ApiError('WORKFLOW.REJECTED', '工作流未能处理此操作，请检查所填内容或联系管理员', { reason: reason ?? null });
  }
  if (e instanceof WorkflowNotFoundError) return new ApiError('NOT_FOUND', '工作流不存在');
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new ApiError('UNAVAILABLE', '工作流暂未响应，请稍后重试');
  if (e instanceof ServiceError) {
    const grpc = (e.cause as { code?: unknown } | undefined)?.code;
    if (grpc === GRPC.FAILED_PRECONDITION) {
      return new ApiError('WORKFLOW.TASK_FAILED', '该工作流当前处于故障状态，暂不能处理此操作；请管理员查看工作流详情后修复', {
        reason: e.cause?.message ?? null,
      });
    }
    if (grpc === GRPC.NOT_FOUND) return new ApiError('NOT_FOUND', '工作流不存在');
    if (grpc === GRPC.INVALID_ARGUMENT) return new ApiError('VALIDATION_FAILED', '工作流服务拒绝了此请求的内容');
    return new ApiError('UNAVAILABLE', '工作流服务暂不可用，请稍后重试');
  }
  return null;
}
