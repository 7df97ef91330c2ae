import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan, Not } from 'typeorm';
import type { AppConfig } from '@app/config';
import { SessionEntity, UserEntity } from '@app/persistence';
import { CONFIG } from '../common/tokens';
import type { Principal, SessionContext } from './principal';

/** A session ends 12 h after sign-in whatever the activity (ASVS 7.3.2). */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** lastSeenAt is written at most this often: a page of the dashboard makes several requests. */
const TOUCH_EVERY_MS = 60_000;

export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Roles whose people must enrol TOTP before their first write (shared/API.md). */
export const TOTP_REQUIRED_ROLES: readonly string[] = ['admin', 'city'];

export function principalOfUser(user: UserEntity): Principal {
  return {
    tokenId: user.id,
    userId: user.id,
    kind: 'session',
    role: user.role as Principal['role'],
    label: user.displayName,
    districtCode: user.districtCode,
    stationId: user.stationId,
  };
}

/** Two secrets compared in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * People's sessions, stored in the database so that every API replica honours them. The cookie's
 * value is a 256-bit random secret; the row's id is its SHA-256. A session ends at logout, after
 * SESSION_IDLE_MINUTES without a request, 12 h after sign-in, when the password changes (the
 * others), and when the account is disabled.
 */
@Injectable()
export class SessionService {
  /** the clock; tests of the timeouts replace it */
  now: () => number = Date.now;
  private readonly idleMs: number;

  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.accounts.sessionIdleMinutes * 60_000;
  }

  private get repo() {
    return this.ds.getRepository(SessionEntity);
  }

  /** A new session for `user`: the cookie's value (shown once) and the CSRF token. */
  async start(
    user: UserEntity,
    method: string,
    client: { userAgent?: string; ip?: string },
  ): Promise<{ cookieValue: string; csrfToken: string }> {
    const cookieValue = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.repo.insert({
      id: sha256(cookieValue),
      userId: user.id,
      csrfToken,
      method,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
    });
    // Sessions that ended without a logout are swept now and then, here rather than on a timer.
    await this.repo.delete({ expiresAt: LessThan(new Date(now).toISOString()) });
    return { cookieValue, csrfToken };
  }

  /** Who a cookie signs in, or null (unknown, timed out, or the account disabled: the session is removed). */
  async authenticate(cookieValue: string): Promise<{ principal: Principal; session: SessionContext; user: UserEntity } | null> {
    const id = sha256(cookieValue);
    const row = await this.repo.findOneBy({ id });
    if (!row) return null;
    const now = this.now();
    if (Date.parse(row.expiresAt) <= now || Date.parse(row.lastSeenAt) + this.idleMs <= now) {
      await this.repo.delete({ id });
      return null;
    }
    const user = await this.ds.getRepository(UserEntity).findOneBy({ id: row.userId });
    if (!user || user.disabled) {
      await this.repo.delete({ id });
      return null;
    }
    if (now - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) await this.repo.update({ id }, { lastSeenAt: new Date(now).toISOString() });
    return {
      principal: principalOfUser(user),
      user,
      session: {
        id,
        csrfToken: row.csrfToken,
        totpEnrolled: user.totpEnrolled,
        mustEnrolTotp: TOTP_REQUIRED_ROLES.includes(user.role) && !user.totpEnrolled,
      },
    };
  }

  async end(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  /** Ends every session of the user, but `except` (the one that changed the password). */
  async endAllOf(userId: string, except?: string): Promise<void> {
    await this.repo.delete(except ? { userId, id: Not(except) } : { userId });
  }

  /** The user's live sessions, newest first; ids are shown as a short prefix of the stored hash. */
  async listOf(userId: string, current: string) {
    const now = this.now();
    const rows = await this.repo.find({ where: { userId }, order: { createdAt: 'DESC' } });
    return rows
      .filter((r) => Date.parse(r.expiresAt) > now && Date.parse(r.lastSeenAt) + this.idleMs > now)
      .map((r) => ({
        id: r.id,
        current: r.id === current,
        method: r.method,
        userAgent: r.userAgent,
        ip: r.ip,
        createdAt: r.createdAt,
        lastSeenAt: r.lastSeenAt,
        expiresAt: r.expiresAt,
      }));
  }

  /** Ends one of the user's sessions; false when the user has no such session. */
  async endOne(userId: string, id: string): Promise<boolean> {
    const result = await this.repo.delete({ userId, id });
    return (result.affected ?? 0) > 0;
  }
}
