import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '@app/config';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import { BEFORE_TOTP_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { bearerToken } from './bearer';
import type { AuthenticatedRequest, Principal } from './principal';
import { SessionCookie } from './session-cookie';
import { sameSecret, SessionService } from './session.service';
import { TokenService } from './token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a caller unless marked @Public: a bearer token (programs) or a person's session
 * cookie. A bearer header wins when both come. A cookie-authenticated unsafe request must carry the
 * session's CSRF token in `X-CSRF-Token` (a bearer header cannot be sent by another site, a cookie
 * can). @Roles narrows who may call a route. Refusals are logged by ErrorsFilter, with the refusals
 * of the services' scope checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly cookie: SessionCookie;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.cookie = new SessionCookie(config.accounts.publicUrl);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(req);
    const roles = this.reflector.getAllAndOverride<Principal['role'][] | undefined>(ROLES_KEY, targets);
    if (roles ? !roles.includes(principal.role) : principal.role === 'expert') {
      throw new ApiError('FORBIDDEN', '当前角色无权执行此操作');
    }
    if (
      req.session?.mustEnrolTotp &&
      !SAFE_METHODS.has(req.method) &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_TOTP_KEY, targets)
    ) {
      throw new ApiError('AUTH.TOTP_ENROLMENT_REQUIRED', '管理员和市三方办账户须先绑定动态验证码（身份验证器）才能进行操作');
    }
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const token = bearerToken(req.headers.authorization);
    if (token || req.headers.authorization) {
      if (!token) throw new ApiError('UNAUTHENTICATED', '需要登录：请提供 Authorization: Bearer <令牌>');
      // The rate limit has already authenticated the token when it is on.
      const principal = req.principal ?? (await this.tokens.authenticate(token));
      if (!principal) {
        req.revokedTokenId = (await this.tokens.revokedTokenId(token)) ?? undefined;
        throw new ApiError('UNAUTHENTICATED', '令牌无效或已被撤销');
      }
      req.principal = principal;
      return principal;
    }
    const value = this.cookie.read(req);
    if (!value) throw new ApiError('UNAUTHENTICATED', '需要登录：请先登录，或提供 Authorization: Bearer <令牌>');
    // The rate limit has already found the session when it is on.
    const found =
      req.principal && req.session ? { principal: req.principal, session: req.session } : await this.sessions.authenticate(value);
    if (!found) throw new ApiError('UNAUTHENTICATED', '登录已失效，请重新登录');
    req.principal = found.principal;
    req.session = found.session;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, found.session.csrfToken)) {
        throw new ApiError('AUTH.CSRF', '请求缺少有效的 X-CSRF-Token（防跨站请求伪造），请刷新页面后重试');
      }
    }
    return found.principal;
  }
}
