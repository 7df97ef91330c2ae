import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A link sent by mail that works once: an invitation (72 h) or a password reset (1 h). Only the
 * SHA-256 of the secret in the link is stored (as the id); using it sets `usedAt`.
 */
@Entity({ name: 'one_time_tokens' })
@Index('ix_one_time_tokens_user', ['userId', 'purpose'])
export class OneTimeTokenEntity {
  /** SHA-256 (hex) of the link's secret */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** `invitation` or `password_reset` */
  @Column({ type: 'varchar', length: 20 })
  purpose: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt: string;

  @Column({ name: 'used_at', type: 'varchar', length: 30, nullable: true })
  usedAt: string | null;
}
