import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '@app/persistence';
import { SessionService } from '../auth/session.service';
import { COUNTER_STORE, CounterStore } from '../common/counter-store';
import { ApiError } from '../common/error-codes';
import { hashPassword, verifyPassword } from './passwords';
import { acceptedStep, recoveryHash } from './totp';

/** After this many failures for one user name within the window, sign-in is refused until it ends. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface SignInInput {
  username: string;
  password: string;
  otp?: string;
}

export interface Client {
  userAgent?: string;
  ip?: string;
}

/** The one answer for an unknown user, a wrong password and a disabled account (ASVS 6.3.8). */
const invalidCredentials = () => new ApiError('AUTH.INVALID_CREDENTIALS', '用户名或密码错误');

/** The key of a user name's failure count: the name as the account stores it. */
export const failureKey = (username: string) => `login-failures:${username.trim().toLowerCase().slice(0, 64)}`;

/**
 * Password sign-in (and the second factor when enrolled). Throttled per user name through the
 * CounterStore, so that with REDIS_URL every replica counts the same failures; the count is kept
 * for unknown names too, so that the answers never tell which names exist.
 */
@Injectable()
export class SignInService implements OnModuleInit {
  private readonly log = new Logger('SignIn');
  /** verified against when the user is unknown, so that the answer takes as long (ASVS 6.3.8) */
  private dummyHash!: string;
  now: () => number = Date.now;

  constructor(
    private readonly ds: DataSource,
    private readonly sessions: SessionService,
    @Inject(COUNTER_STORE) private readonly counters: CounterStore,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hashPassword(randomBytes(18).toString('base64'));
  }

  async signIn(input: SignInInput, client: Client) {
    const key = failureKey(input.username);
    await this.assertNotLockedOut(key);
    const user = await this.ds.getRepository(UserEntity).findOneBy({ username: input.username.trim().toLowerCase() });
    let passwordOk = false;
    if (user?.passwordHash) passwordOk = await verifyPassword(user.passwordHash, input.password);
    // no account, or no password yet: a check of the same cost, whose result does not matter
    else await verifyPassword(this.dummyHash, input.password);
    if (!user || !passwordOk || user.disabled) return this.fail(key, input.username, client, invalidCredentials());
    let method = 'password';
    if (user.totpEnrolled) {
      // Only after the right password: the code is the second factor, not a way to probe the first.
      if (!input.otp) throw new ApiError('AUTH.OTP_REQUIRED', '请输入身份验证器中的动态验证码');
      method = await this.secondFactor(user, input.otp);
      if (!method) return this.fail(key, input.username, client, new ApiError('AUTH.OTP_INVALID', '动态验证码错误或已使用'));
    }
    await this.counters.reset(key);
    const { cookieValue, csrfToken } = await this.sessions.start(user, method, client);
    this.log.log(`user ${user.id} (${user.username}) signed in by ${method} from ${client.ip ?? '?'}`);
    return { user, cookieValue, csrfToken };
  }

  async assertNotLockedOut(key: string): Promise<void> {
    const seen = await this.counters.peek(key);
    if (seen.count >= MAX_FAILURES) {
      const retryAfterSeconds = Math.max(1, Math.ceil(seen.resetInMs / 1000));
      throw new ApiError('AUTH.TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, {
        retryAfterSeconds,
      });
    }
  }

  /** Counts a failure (toward the lockout) and refuses. */
  async fail(key: string, username: string, client: Client, refusal: ApiError): Promise<never> {
    const { count } = await this.counters.hit(key, FAILURE_WINDOW_MS);
    this.log.warn(
      `sign-in refused (${refusal.code}) for "${username.slice(0, 64)}" from ${client.ip ?? '?'}: failure ${count} of ${MAX_FAILURES}`,
    );
    throw refusal;
  }

  /** `password+totp` or `password+recovery` when the code is good (and then used up), else ''. */
  private async secondFactor(user: UserEntity, otp: string): Promise<string> {
    const repo = this.ds.getRepository(UserEntity);
    const code = otp.trim();
    if (/^\d{6}$/.test(code)) {
      const step = user.totpSecret ? acceptedStep(user.totpSecret, code, this.now(), user.totpLastStep) : null;
      if (step === null) return '';
      // Conditional, so that of two sign-ins racing with one code only one gets it.
      const taken = await repo
        .createQueryBuilder()
        .update()
        .set({ totpLastStep: step })
        .where('id = :id', { id: user.id })
        .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
        .execute();
      return taken.affected === 1 ? 'password+totp' : '';
    }
    const hash = recoveryHash(code);
    const codes = user.recoveryCodes ?? [];
    if (!codes.includes(hash)) return '';
    const left = codes.filter((c) => c !== hash);
    const taken = await repo
      .createQueryBuilder()
      .update()
      .set({ recoveryCodes: left })
      .where('id = :id', { id: user.id })
      .andWhere('recovery_codes = :codes', { codes: JSON.stringify(codes) })
      .execute();
    if (taken.affected !== 1) return '';
    this.log.warn(`user ${user.id} used a recovery code (${left.length} left)`);
    return 'password+recovery';
  }
}
