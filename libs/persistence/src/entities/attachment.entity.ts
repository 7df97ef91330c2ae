import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An evidence file of a station (申请书扫描件, 典型案例, 六有佐证材料, …): its metadata. The bytes are in
 * the file store under `sha256` (content-addressed: the same file uploaded twice is stored once).
 * Not part of the workflow's state: a file does not move a station, so this table is written by
 * the API directly, like the audit log.
 */
@Entity({ name: 'attachments' })
@Index('ix_attachments_station', ['stationId', 'uploadedAt'])
@Index('ix_attachments_sha256', ['sha256'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'station_id', type: 'varchar', length: 36 })
  stationId: string;

  /** the original file name, sanitised (no path, no control characters), at most 200 characters */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer' })
  size: number;

  /** lower-case hex SHA-256 of the bytes: their address in the file store */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** decided from the content (magic bytes), never from the name or the client's claim */
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  /** application, case, self_assessment, mid_term, evaluation, other */
  @Column({ type: 'varchar', length: 24 })
  purpose: string;

  /** a six-haves key when the file is evidence for one have */
  @Column({ type: 'varchar', length: 24, nullable: true })
  have: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** the station's stage at upload: the uploader may delete the file while the station is still in it */
  @Column({ type: 'varchar', length: 24 })
  stage: string;

  /** the uploader's display name (token label or person) */
  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy: string;

  /** the uploader's id (user id, or token id for bearer tokens): who may delete it */
  @Column({ name: 'uploader_id', type: 'varchar', length: 36 })
  uploaderId: string;

  @Column({ name: 'uploader_role', type: 'varchar', length: 16 })
  uploaderRole: string;

  /** ISO 8601 UTC */
  @Column({ name: 'uploaded_at', type: 'varchar', length: 30 })
  uploadedAt: string;
}
