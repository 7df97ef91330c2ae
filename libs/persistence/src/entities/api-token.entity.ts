import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bearer token; only its SHA-256 is stored, the secret is shown once at creation. */
@Entity({ name: 'api_tokens' })
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12, nullable: true })
  districtCode: string | null;

  @Column({ name: 'station_id', type: 'varchar', length: 36, nullable: true })
  stationId: string | null;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  /** ISO 8601 UTC; strings keep SQLite and PostgreSQL identical and sort chronologically */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;
}
