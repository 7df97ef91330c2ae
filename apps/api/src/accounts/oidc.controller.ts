import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@app/config';
import { Public } from '../auth/auth.decorators';
import { SessionCookie } from '../auth/session-cookie';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import * as S from '../openapi/schemas';
import { clientOf } from './auth.controller';
import { OidcRefusal, OidcService, PendingSignIn } from './oidc.service';

const PENDING_MAX_AGE_S = 600;

/**
 * Single sign-on: `login` sends the browser to the provider, `callback` is where it returns. The
 * pending sign-in (state, nonce, PKCE verifier) rides in an HttpOnly cookie limited to the
 * callback's path, so that any API replica can finish what another began.
 */
@ApiTags('auth')
@Controller('api/auth/oidc')
export class OidcController {
  private readonly log = new Logger('Oidc');
  private readonly cookie: SessionCookie;
  private readonly publicUrl: string;
  private readonly pendingCookie: string;
  private readonly secure: string;

  constructor(
    private readonly oidc: OidcService,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.cookie = new SessionCookie(config.accounts.publicUrl);
    this.publicUrl = config.accounts.publicUrl;
    this.secure = new URL(this.publicUrl).protocol === 'https:' ? '; Secure' : '';
    this.pendingCookie = 'stations_oidc';
  }

  @Get()
  @Public()
  @ApiOkResponse({ description: 'whether single sign-on is configured (the sign-in page offers it then)', schema: S.SingleSignOn })
  status() {
    return { enabled: this.oidc.enabled };
  }

  @Get('login')
  @Public()
  @ApiFoundResponse({
    description: "to the identity provider's sign-in page; 404 AUTH.OIDC_DISABLED when single sign-on is not configured",
  })
  async login(@Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new ApiError('AUTH.OIDC_DISABLED', '未配置统一身份认证（OIDC）');
    const { url, pending } = await this.oidc.begin();
    const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
    res.append(
      'Set-Cookie',
      `${this.pendingCookie}=${value}; Path=/api/auth/oidc/callback; HttpOnly; SameSite=Lax; Max-Age=${PENDING_MAX_AGE_S}${this.secure}`,
    );
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, url);
  }

  @Get('callback')
  @Public()
  @ApiFoundResponse({ description: 'to the dashboard, signed in (session cookie set) or with a notice that single sign-on failed' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new ApiError('AUTH.OIDC_DISABLED', '未配置统一身份认证（OIDC）');
    res.append('Set-Cookie', `${this.pendingCookie}=; Path=/api/auth/oidc/callback; HttpOnly; SameSite=Lax; Max-Age=0${this.secure}`);
    res.setHeader('cache-control', 'no-store');
    try {
      const callbackUrl = new URL(req.originalUrl, `${this.publicUrl}/`);
      const { cookieValue } = await this.oidc.complete(callbackUrl, this.readPending(req), clientOf(req));
      this.cookie.set(res, cookieValue);
      res.redirect(302, `${this.publicUrl}/#/`);
    } catch (e) {
      if (!(e instanceof OidcRefusal)) throw e;
      this.log.warn(`single sign-on refused from ${req.ip}: ${e.message}`);
      res.redirect(302, `${this.publicUrl}/#/sign-in/sso-failed`);
    }
  }

  private readPending(req: Request): PendingSignIn | null {
    const raw = (req.headers.cookie ?? '')
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.startsWith(`${this.pendingCookie}=`))
      ?.slice(this.pendingCookie.length + 1);
    if (!raw) return null;
    try {
      const p = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
      return typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.codeVerifier === 'string'
        ? { state: p.state, nonce: p.nonce, codeVerifier: p.codeVerifier }
        : null;
    } catch {
      return null;
    }
  }
}
