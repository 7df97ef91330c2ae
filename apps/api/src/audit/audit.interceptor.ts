import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { concatMap, Observable } from 'rxjs';
import { maskWebhooks } from '@app/domain';
import type { Principal } from '../auth/principal';
import { AUDIT_KEY, AuditSpec } from './audit.decorator';
import { AuditEntry, AuditService } from './audit.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type AuditedRequest = Request & { principal?: Principal };

/**
 * Writes the audit log: one line for every successful mutating request, in this one place rather
 * than in each service, so that a new write route cannot forget it (a route without @Audited is
 * still logged, under its method and path). Refused and failed requests change nothing and are not
 * logged here (refusals are logged by the errors filter).
 *
 * The stage before and after a station action is read from the result, not from the projection:
 * the station's workflow returns its state with the history line this action added, whose
 * `fromStage`/`toStage` are exactly what the workflow applied. Reading the projection before the
 * call instead would race with a concurrent action or deadline timer (and the projection may lag
 * the workflow), and asking each service to report stages would spread the audit over every
 * service.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuditedRequest>();
    const principal = req.principal;
    if (!MUTATING.has(req.method) || !principal) return next.handle();
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler()) ?? unnamedRoute(req);
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.audit.record(entryOf(spec, req, principal, result));
        return result;
      }),
    );
  }
}

export function entryOf(spec: AuditSpec, req: Request, principal: Principal, result: unknown): AuditEntry {
  const line = spec.station ? ownHistoryLine(result) : undefined;
  return {
    tokenId: principal.tokenId,
    userId: principal.userId,
    actor: principal.label,
    role: principal.role,
    action: line ? `station.${line.action}` : spec.action,
    targetType: spec.targetType,
    targetId: targetIdOf(spec, req, result),
    fromStage: line?.fromStage ?? null,
    toStage: line?.toStage ?? null,
    // a contact's robot webhook (URL, secret) is a secret: the audit log keeps it masked
    details: maskWebhooks(spec.details?.(req, result) ?? null),
  };
}

function targetIdOf(spec: AuditSpec, req: Request, result: unknown): string | null {
  if (!spec.target) return null;
  const t = spec.target;
  const caller = (req as AuditedRequest).principal;
  const value =
    'self' in t
      ? (caller?.userId ?? caller?.tokenId)
      : 'fixed' in t
        ? t.fixed
        : 'param' in t
          ? req.params?.[t.param]
          : 'body' in t
            ? (req.body as Record<string, unknown> | undefined)?.[t.body]
            : (result as Record<string, unknown> | null)?.[t.result];
  return typeof value === 'string' && value ? value.slice(0, 100) : null;
}

interface HistoryLine {
  action: string;
  role: string;
  fromStage: string | null;
  toStage: string;
}

/**
 * The line a station action added to the station's history: the newest one not written by the
 * system. The workflow answers the Update with its state right after the action, so no later
 * human action can be in it; what the system adds in the same step (the self-assessment window
 * opening, an overdue flag) comes after the action's line and is skipped.
 */
function ownHistoryLine(result: unknown): HistoryLine | undefined {
  const history = (result as { history?: HistoryLine[] } | null)?.history;
  return Array.isArray(history) ? [...history].reverse().find((h) => h.role !== 'system') : undefined;
}

/** A mutating route nobody named: logged under its method and route pattern, `:id` as the target. */
export function unnamedRoute(req: Request): AuditSpec {
  const route = String((req.route as { path?: string } | undefined)?.path ?? req.path);
  return {
    action: `${req.method} ${route}`.slice(0, 60),
    targetType: route.split('/').filter(Boolean)[1]?.slice(0, 24) ?? 'unknown',
    target: { param: 'id' },
  };
}
