import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '@app/persistence';
import type { Principal, SessionContext } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { COUNTER_STORE, CounterStore } from '../common/counter-store';
import { ApiError } from '../common/error-codes';
import { AccountLinks, LinkPurpose } from './account-links';
import { AccountMailer } from './account-mailer';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords';
import { failureKey, SignInService } from './sign-in.service';
import { acceptedStep, newRecoveryCodes, newTotpSecret } from './totp';

/** Reset mails per user name and hour: enough for a person, too few to flood their mailbox. */
const RESETS_PER_HOUR = 3;

/** A person's own account: the password (set by link, changed, reset) and the second factor. */
@Injectable()
export class AccountService {
  private readonly log = new Logger('Account');
  now: () => number = Date.now;

  constructor(
    private readonly ds: DataSource,
    private readonly links: AccountLinks,
    private readonly mailer: AccountMailer,
    private readonly sessions: SessionService,
    private readonly signIn: SignInService,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
  ) {}

  private get repo() {
    return this.ds.getRepository(UserEntity);
  }

  /** The account behind a person's session; a token caller has none. */
  async own(p: Principal): Promise<UserEntity> {
    if (p.kind !== 'session' || !p.userId) throw new ApiError('AUTH.SESSION_REQUIRED', '此操作需要以个人账户登录（访问令牌不适用）');
    const user = await this.repo.findOneBy({ id: p.userId });
    if (!user) throw new ApiError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return user;
  }

  /** Sets the first password from an invitation, or a new one from a reset link; the link works once. */
  async setPasswordByLink(token: string, purpose: LinkPurpose, password: string): Promise<void> {
    const user = await this.repo.findOneBy({ id: await this.links.peek(token, purpose) });
    if (!user || user.disabled) throw new ApiError('AUTH.LINK_INVALID', '链接无效、已使用或已过期，请重新申请');
    // The policy first: a refused password leaves the link usable.
    assertAcceptablePassword(password, user.username);
    await this.links.consume(token, purpose);
    await this.storePassword(user, password);
    // A reset ends every session (someone else may hold one); the lockout of the name ends too.
    await this.sessions.endAllOf(user.id);
    await this.counters.reset(failureKey(user.username));
    if (purpose === 'password_reset') this.mailer.changeNotice(user, '登录密码已通过重置链接重新设置');
    this.log.log(`user ${user.id} (${user.username}) set a password by ${purpose}`);
  }

  /** Changes the password; the user's other sessions end (ASVS 7.4.3). */
  async changePassword(p: Principal, session: SessionContext, current: string, next: string): Promise<void> {
    const user = await this.own(p);
    const key = failureKey(user.username);
    await this.signIn.assertNotLockedOut(key);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
      return this.signIn.fail(key, user.username, {}, new ApiError('AUTH.WRONG_PASSWORD', '当前密码不正确'));
    }
    assertAcceptablePassword(next, user.username);
    await this.storePassword(user, next);
    await this.sessions.endAllOf(user.id, session.id);
    await this.links.revokeAll(user.id, 'password_reset');
    this.mailer.changeNotice(user, '登录密码已修改');
    this.log.log(`user ${user.id} (${user.username}) changed the password; other sessions ended`);
  }

  /**
   * Mails a reset link when the name belongs to an active account with a password or an accepted
   * invitation; answers the same in every case (the caller answers 202 without waiting).
   */
  async requestReset(username: string): Promise<void> {
    const name = username.trim().toLowerCase();
    const { count } = await this.counters.hit(`password-resets:${name.slice(0, 64)}`, 3_600_000);
    if (count > RESETS_PER_HOUR) return;
    const user = await this.repo.findOneBy({ username: name });
    if (!user || user.disabled) return;
    const { token, expiresAt } = await this.links.issue(user.id, 'password_reset');
    this.mailer.passwordReset({
      to: user.email,
      displayName: user.displayName,
      username: user.username,
      url: this.mailer.linkUrl('password-reset', token),
      expiresAt,
    });
  }

  /**
   * Starts enrolment: a new secret and ten recovery codes, shown this once, in force after
   * `confirmTotp` (which answers 204 as the contract says, so the codes come with the secret).
   */
  async enrolTotp(p: Principal) {
    const user = await this.own(p);
    if (user.totpEnrolled) throw new ApiError('AUTH.TOTP_ALREADY_ENROLLED', '您已绑定身份验证器');
    const { secret, otpauthUrl } = newTotpSecret(user.username);
    const { codes, hashes } = newRecoveryCodes();
    await this.repo.update({ id: user.id }, { totpSecret: secret, recoveryCodes: hashes, updatedAt: new Date(this.now()).toISOString() });
    return { otpauthUrl, secret, recoveryCodes: codes };
  }

  /** Confirms enrolment with a code from the app: from now on sign-in asks for a code. */
  async confirmTotp(p: Principal, otp: string): Promise<void> {
    const user = await this.own(p);
    if (user.totpEnrolled) throw new ApiError('AUTH.TOTP_ALREADY_ENROLLED', '您已绑定身份验证器');
    if (!user.totpSecret) throw new ApiError('AUTH.TOTP_NOT_STARTED', '请先开始绑定身份验证器');
    const step = acceptedStep(user.totpSecret, otp.trim(), this.now(), null);
    if (step === null) throw new ApiError('AUTH.OTP_INVALID', '动态验证码错误，请核对手机时间后重试');
    await this.repo.update({ id: user.id }, { totpEnrolled: true, totpLastStep: step, updatedAt: new Date(this.now()).toISOString() });
    this.mailer.changeNotice(user, '已绑定身份验证器（动态验证码）');
    this.log.log(`user ${user.id} (${user.username}) enrolled TOTP`);
  }

  private async storePassword(user: UserEntity, password: string): Promise<void> {
    const now = new Date(this.now()).toISOString();
    await this.repo.update({ id: user.id }, { passwordHash: await hashPassword(password), passwordChangedAt: now, updatedAt: now });
  }
}
