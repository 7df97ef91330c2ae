import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/error-codes';
import { ROLES_KEY } from './auth.decorators';
import type { AuthenticatedRequest, Principal } from './principal';

export const FOR_EXPERTS_KEY = 'auth:for-experts';

/**
 * The route serves experts too (their station list and detail, who they are, the rubric). An
 * expert reaches nothing else: a route open to "any role" was written before experts existed and
 * may list what they must not see (reminders, exports of every station).
 */
export const ForExperts = () => SetMetadata(FOR_EXPERTS_KEY, true);

/** Runs after AuthGuard: an expert may call only routes marked @ForExperts or naming `expert` in @Roles. */
@Injectable()
export class ExpertConfinementGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal?.role !== 'expert') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(FOR_EXPERTS_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Principal['role'][] | undefined>(ROLES_KEY, targets);
    if (roles?.includes('expert')) return true;
    throw new ApiError('FORBIDDEN', '评估专家无权访问此功能');
  }
}
