import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@app/config';
import { Audited } from '../audit/audit.decorator';
import { AnyRole, BeforeTotpEnrolment, CurrentPrincipal, CurrentSession, Public } from '../auth/auth.decorators';
import type { Principal, SessionContext } from '../auth/principal';
import { SessionCookie } from '../auth/session-cookie';
import { SessionService, sha256 } from '../auth/session.service';
import { ApiError } from '../common/error-codes';
import { CONFIG } from '../common/tokens';
import * as S from '../openapi/schemas';
import { AccountService } from './account.service';
import { ChangePasswordDto, LoginDto, NewPasswordDto, OtpDto, PasswordResetRequestDto } from './auth.dto';
import { Client, SignInService } from './sign-in.service';
import { userView } from './users.service';

/** A link's secret in the path: what AccountLinks issues (43 characters of base64url). */
const ApiLinkTokenParam = () =>
  ApiParam({ name: 'token', description: 'the secret of the mailed link', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,100}$' } });

export const clientOf = (req: Request): Client => ({ userAgent: req.headers['user-agent'], ip: req.ip });

/** People sign in as themselves (shared/API.md): password and second factor, the links mailed to them, their sessions. */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  private readonly cookie: SessionCookie;

  constructor(
    private readonly signIn: SignInService,
    private readonly account: AccountService,
    private readonly sessions: SessionService,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.cookie = new SessionCookie(config.accounts.publicUrl);
  }

  @Post('login')
  @Public()
  @Header('cache-control', 'no-store')
  @HttpCode(200)
  @ApiOkResponse({ description: 'signed in: the session cookie is set', schema: S.SignedIn })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { user, cookieValue, csrfToken } = await this.signIn.signIn(dto, clientOf(req));
    // A sign-in replaces the browser's previous session, if any (ASVS 7.2.4): a cookie planted before stays worthless.
    const previous = this.cookie.read(req);
    if (previous) await this.sessions.end(sha256(previous));
    this.cookie.set(res, cookieValue);
    return { user: userView(user), csrfToken };
  }

  @Post('logout')
  @AnyRole()
  @BeforeTotpEnrolment()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'the session is gone (for a bearer token: nothing to end)' })
  @Audited({ action: 'auth.logout', targetType: 'user', target: { self: true } })
  async logout(@CurrentSession() session: SessionContext | undefined, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (session) await this.sessions.end(session.id);
    this.cookie.clear(res);
  }

  @Post('password')
  @AnyRole()
  @BeforeTotpEnrolment()
  @HttpCode(204)
  @ApiNoContentResponse({ description: "changed; the user's other sessions have ended" })
  @Audited({ action: 'auth.password_change', targetType: 'user', target: { self: true } })
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentPrincipal() p: Principal,
    @CurrentSession() session: SessionContext | undefined,
  ): Promise<void> {
    if (!session) throw new ApiError('AUTH.SESSION_REQUIRED', '此操作需要以个人账户登录（访问令牌不适用）');
    await this.account.changePassword(p, session, dto.current, dto.next);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'the same answer whether or not the account exists: a reset link goes to its address when it does',
    schema: S.ResetRequested,
  })
  requestReset(@Body() dto: PasswordResetRequestDto) {
    // Not awaited: the answer must not take longer when the account exists.
    void this.account.requestReset(dto.username).catch(() => undefined);
    return { message: '如果该用户名存在，重置密码的链接已发送到登记的邮箱，1 小时内有效' };
  }

  @Post('password-reset/:token')
  @Public()
  @HttpCode(204)
  @ApiLinkTokenParam()
  @ApiNoContentResponse({ description: 'the new password is set; every session of the user has ended' })
  async reset(@Param('token') token: string, @Body() dto: NewPasswordDto): Promise<void> {
    await this.account.setPasswordByLink(token, 'password_reset', dto.password);
  }

  @Post('invitations/:token')
  @Public()
  @HttpCode(204)
  @ApiLinkTokenParam()
  @ApiNoContentResponse({ description: 'the password is set; the person may sign in' })
  async acceptInvitation(@Param('token') token: string, @Body() dto: NewPasswordDto): Promise<void> {
    await this.account.setPasswordByLink(token, 'invitation', dto.password);
  }

  @Post('totp')
  @AnyRole()
  @Header('cache-control', 'no-store')
  @BeforeTotpEnrolment()
  @HttpCode(200)
  @ApiOkResponse({ schema: S.TotpEnrolment })
  @Audited({ action: 'auth.totp_start', targetType: 'user', target: { self: true } })
  enrolTotp(@CurrentPrincipal() p: Principal) {
    return this.account.enrolTotp(p);
  }

  @Post('totp/confirm')
  @AnyRole()
  @BeforeTotpEnrolment()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'enrolled: sign-in asks for a code from now on' })
  @Audited({ action: 'auth.totp_enrol', targetType: 'user', target: { self: true } })
  async confirmTotp(@CurrentPrincipal() p: Principal, @Body() dto: OtpDto): Promise<void> {
    await this.account.confirmTotp(p, dto.otp);
  }

  @Get('sessions')
  @AnyRole()
  @ApiOkResponse({ description: "the caller's live sessions, newest first", schema: S.SessionList })
  async listSessions(@CurrentPrincipal() p: Principal, @CurrentSession() session: SessionContext | undefined) {
    const user = await this.account.own(p);
    return this.sessions.listOf(user.id, session?.id ?? '');
  }

  @Delete('sessions/:sessionId')
  @AnyRole()
  @BeforeTotpEnrolment()
  @HttpCode(204)
  @ApiParam({
    name: 'sessionId',
    description: 'a session id from GET /api/auth/sessions',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  })
  @ApiNoContentResponse({ description: 'that session has ended' })
  @Audited({ action: 'auth.session_end', targetType: 'user', target: { self: true } })
  async endSession(@CurrentPrincipal() p: Principal, @Param('sessionId') id: string): Promise<void> {
    const user = await this.account.own(p);
    if (!/^[0-9a-f]{64}$/.test(id) || !(await this.sessions.endOne(user.id, id))) throw new ApiError('NOT_FOUND', '会话不存在或已结束');
  }
}
