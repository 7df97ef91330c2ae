import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log (操作日志): who did what to which target, and when. For station actions
 * also the stage before and after, as the station's workflow recorded them. Append-only; the
 * increasing `id` is the newest-first order and the list's cursor.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_created_at', ['createdAt'])
@Index('ix_audit_log_target', ['targetId', 'id'])
@Index('ix_audit_log_action', ['action', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  /** ISO 8601 UTC */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** the bearer token's id (`admin` for the built-in admin token), or for a person the user's id; never a secret */
  @Column({ name: 'token_id', type: 'varchar', length: 36 })
  tokenId: string;

  /** the person who acted (a session); null for a bearer token */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  /** the token's label, e.g. 渝中区人社局, or the person's display name */
  @Column({ name: 'actor', type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** a stable action name, e.g. `station.recommend`, `round.deadlines_change`, `token.revoke` */
  @Column({ type: 'varchar', length: 60 })
  action: string;

  /** `station`, `round`, `district`, `token`, `work_calendar`, `projection`, … */
  @Column({ name: 'target_type', type: 'varchar', length: 24 })
  targetType: string;

  /** the target's id (a uuid, district code or year); null for an action on no single target */
  @Column({ name: 'target_id', type: 'varchar', length: 100, nullable: true })
  targetId: string | null;

  @Column({ name: 'from_stage', type: 'varchar', length: 24, nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 24, nullable: true })
  toStage: string | null;

  /** a few fields of the request or result worth keeping (never a secret) */
  @Column({ type: 'simple-json', nullable: true })
  details: Record<string, unknown> | null;
}
