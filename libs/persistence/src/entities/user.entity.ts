import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's account (用户): bound like a token to a role and a district or station. Secrets are
 * stored only as hashes: the password as an Argon2id PHC string, recovery codes as SHA-256. The
 * TOTP secret must be readable to check codes, so it is kept as is (the database is the boundary).
 */
@Entity({ name: 'users' })
@Index('ix_users_email', ['email'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** lower-cased at creation and sign-in, so that `ZhangSan` and `zhangsan` are one account */
  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  /** lower-cased; single sign-on finds the account by it */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12, nullable: true })
  districtCode: string | null;

  @Column({ name: 'station_id', type: 'varchar', length: 36, nullable: true })
  stationId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** null until the invitation is accepted: such an account cannot sign in with a password */
  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  /** base32; set at enrolment, in force once `totpEnrolled` */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true })
  totpSecret: string | null;

  @Column({ name: 'totp_enrolled', type: 'boolean', default: false })
  totpEnrolled: boolean;

  /** the last time step whose code was accepted: a code is good once (RFC 6238 §5.2) */
  @Column({ name: 'totp_last_step', type: 'integer', nullable: true })
  totpLastStep: number | null;

  /** SHA-256 of each unused recovery code */
  @Column({ name: 'recovery_codes', type: 'simple-json', nullable: true })
  recoveryCodes: string[] | null;

  /** the user (or `admin` token) who created the account; the city sees only its own users */
  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  /** the role of the creator, for the city's view */
  @Column({ name: 'created_by_role', type: 'varchar', length: 16 })
  createdByRole: string;

  /** ISO 8601 UTC */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  @Column({ name: 'password_changed_at', type: 'varchar', length: 30, nullable: true })
  passwordChangedAt: string | null;
}
