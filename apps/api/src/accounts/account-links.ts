import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { OneTimeTokenEntity } from '@app/persistence';
import { sha256 } from '../auth/session.service';
import { ApiError } from '../common/error-codes';

export type LinkPurpose = 'invitation' | 'password_reset';

/** How long a link works: an invitation 72 h, a reset 1 h (shared/API.md). */
export const LINK_TTL_MS: Record<LinkPurpose, number> = { invitation: 72 * 3_600_000, password_reset: 3_600_000 };

const invalid = () => new ApiError('AUTH.LINK_INVALID', '链接无效、已使用或已过期，请重新申请');

/**
 * The one-time links of invitations and password resets: 256-bit secrets, stored as their SHA-256,
 * good once and until they expire. A new link of one purpose replaces the user's older ones.
 */
@Injectable()
export class AccountLinks {
  now: () => number = Date.now;

  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(OneTimeTokenEntity);
  }

  async issue(userId: string, purpose: LinkPurpose): Promise<{ token: string; expiresAt: Date }> {
    const now = this.now();
    await this.repo.update({ userId, purpose, usedAt: IsNull() }, { usedAt: new Date(now).toISOString() });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now + LINK_TTL_MS[purpose]);
    await this.repo.insert({
      id: sha256(token),
      userId,
      purpose,
      createdAt: new Date(now).toISOString(),
      expiresAt: expiresAt.toISOString(),
      usedAt: null,
    });
    return { token, expiresAt };
  }

  /** The user a valid link is for, without using it up (to check the new password first). */
  async peek(token: string, purpose: LinkPurpose): Promise<string> {
    const row = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await this.repo.findOneBy({ id: sha256(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(new Date(this.now()).toISOString()) })
      : null;
    if (!row) throw invalid();
    return row.userId;
  }

  /** Uses the link up; of two requests racing with one link only one wins (a conditional update). */
  async consume(token: string, purpose: LinkPurpose): Promise<string> {
    const userId = await this.peek(token, purpose);
    const now = new Date(this.now()).toISOString();
    const result = await this.repo.update({ id: sha256(token), purpose, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if ((result.affected ?? 0) !== 1) throw invalid();
    return userId;
  }

  /** A changed password makes outstanding reset links worthless. */
  async revokeAll(userId: string, purpose: LinkPurpose): Promise<void> {
    await this.repo.update({ userId, purpose, usedAt: IsNull() }, { usedAt: new Date(this.now()).toISOString() });
  }
}
