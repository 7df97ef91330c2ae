import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/error-codes';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { bearerToken } from './bearer';
import type { AuthenticatedRequest, Principal } from './principal';
import { TokenService } from './token.service';

/**
 * Every route needs a valid bearer token unless marked @Public; @Roles narrows who may call it.
 * Refusals are logged by ErrorsFilter, with the refusals of the services' scope checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new ApiError('UNAUTHENTICATED', '需要登录：请提供 Authorization: Bearer <令牌>');
    // The rate limit has already authenticated the token when it is on.
    const principal = req.principal ?? (await this.tokens.authenticate(token));
    if (!principal) {
      req.revokedTokenId = (await this.tokens.revokedTokenId(token)) ?? undefined;
      throw new ApiError('UNAUTHENTICATED', '令牌无效或已被撤销');
    }
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Principal['role'][] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ApiError('FORBIDDEN', '当前角色无权执行此操作');
    }
    return true;
  }
}
