import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's signed-in session (会话). The cookie holds a random value; only its SHA-256 is stored
 * (as the id), so a copy of the table signs nobody in. In the database so that every API replica
 * honours it and a logout, a password change or a disabled account ends it everywhere at once.
 */
@Entity({ name: 'sessions' })
@Index('ix_sessions_user', ['userId'])
export class SessionEntity {
  /** SHA-256 (hex) of the cookie's value */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** sent back in `X-CSRF-Token` on unsafe requests */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  /** `password`, `password+totp`, `password+recovery`, `oidc` */
  @Column({ type: 'varchar', length: 24 })
  method: string;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  /** ISO 8601 UTC */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'last_seen_at', type: 'varchar', length: 30 })
  lastSeenAt: string;

  /** the absolute end (12 h after sign-in), whatever the activity */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt: string;
}
