import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { isDomainError } from '@app/domain';
import type { AuthenticatedRequest } from '../auth/principal';
import { ApiError, statusOfCode } from './error-codes';
import { temporalFailure } from './workflow-failures';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Every error leaves as `{ statusCode, code, message, details? }` with a stable code. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && body.code !== 'UNAVAILABLE')
      this.log.error(exception instanceof Error ? exception.stack : String(exception));
    // the workflow could not take the request: the caller gets a 409, an operator the reason
    if (body.code.startsWith('WORKFLOW.'))
      this.log.warn(
        `${body.code}: ${exception instanceof Error ? `${exception.message} (${String(exception.cause ?? '')})` : String(exception)}`,
      );
    if (body.statusCode === 401 || body.statusCode === 403) this.logRefusal(host.switchToHttp().getRequest<AuthenticatedRequest>(), body);
    // A 429 tells when to try again (the rate limit sets it itself; the sign-in lockout says it in details).
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number' && !res.getHeader('Retry-After'))
      res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }

  /**
   * Every refused authentication or authorisation, by the guard or a service's scope check, in one
   * line: the route, and the caller's role and token id (never the token itself).
   */
  private logRefusal(req: AuthenticatedRequest, body: ErrorBody): void {
    const p = req.principal;
    const who = p
      ? p.kind === 'session'
        ? `${p.role} user ${p.userId}`
        : `${p.role} token ${p.tokenId}`
      : req.revokedTokenId
        ? `revoked token ${req.revokedTokenId}`
        : req.headers.authorization
          ? 'an unknown or malformed token'
          : 'no token';
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const path = route === req.path ? '' : ` (${req.path})`;
    this.log.warn(`refused ${body.code} on ${req.method} ${route}${path}: caller ${who} from ${req.ip}: ${body.message}`);
  }

  private toBody(exception: unknown): ErrorBody {
    const e = unwrapParserRefusal(exception);
    if (e instanceof ApiError || isDomainError(e)) return withCode(e.code, e.message, e.details);
    const temporal = temporalFailure(e);
    if (temporal) return withCode(temporal.code, temporal.message, temporal.details);
    if (e instanceof HttpException) return fromHttpException(e);
    const parserError = e as { type?: unknown; status?: unknown; expose?: unknown };
    if (typeof parserError?.type === 'string' && parserError.type.startsWith('entity.')) {
      // body-parser: malformed JSON, wrong charset, or a body over the size limit
      return parserError.type === 'entity.too.large'
        ? withCode('PAYLOAD_TOO_LARGE', '请求体过大')
        : withCode('VALIDATION_FAILED', '请求体不是有效的 JSON');
    }
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.expose === true) {
      // body-parser's other refusals (http-errors, exposed): an unsupported charset or content
      // encoding, or a compressed body that does not decompress; they are the client's, not a 500
      return withCode('VALIDATION_FAILED', '无法读取请求体：请以 UTF-8 编码的 JSON 发送（不压缩或 gzip/deflate/br）');
    }
    if (e instanceof Error && /ECONNREFUSED|UNAVAILABLE|Connection refused|14 UNAVAILABLE/.test(e.message)) {
      return withCode('UNAVAILABLE', '后台服务暂不可用，请稍后重试');
    }
    return withCode('INTERNAL', '服务器内部错误');
  }
}

/**
 * NestJS 12 hands body-parser's refusals (http-errors: a body too large, an unsupported charset or
 * content encoding, a body that does not decompress) to the filters wrapped in an HttpException
 * with the parser's English message and status (415 for an unsupported encoding). Unwrapped, they
 * get this filter's zh-CN answers, as before. Unparsable JSON (a SyntaxError) was wrapped already
 * by NestJS 11 and keeps its message (checkJsonBody's zh-CN refusals among them).
 */
function unwrapParserRefusal(e: unknown): unknown {
  if (!(e instanceof HttpException) || !(e.cause instanceof Error) || e.cause instanceof SyntaxError) return e;
  const cause = e.cause as Error & { expose?: unknown; status?: unknown; statusCode?: unknown };
  return typeof cause.expose === 'boolean' && typeof cause.status === 'number' && cause.status === cause.statusCode ? cause : e;
}

function withCode(code: string, message: string, details?: unknown): ErrorBody {
  const statusCode = statusOfCode(code);
  return details === undefined || details === null ? { statusCode, code, message } : { statusCode, code, message, details };
}

function fromHttpException(e: HttpException): ErrorBody {
  const status = e.getStatus();
  const response = e.getResponse() as { message?: unknown; code?: string } | string;
  const message =
    typeof response === 'string' ? response : Array.isArray(response.message) ? '请求数据有误' : String(response.message ?? e.message);
  const details = typeof response === 'object' && Array.isArray(response.message) ? response.message : undefined;
  const byStatus: Record<number, string> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'VALIDATION_FAILED',
    429: 'RATE_LIMITED',
  };
  const code = (typeof response === 'object' && response.code) || byStatus[status] || (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
  return details ? { statusCode: status, code, message, details } : { statusCode: status, code, message };
}
