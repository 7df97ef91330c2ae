import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A comment in a station's thread (意见交流): the district, the city and the station talk about
 * the paperwork without moving the station. Append-only; the increasing id is the thread's order.
 */
@Entity({ name: 'station_comments' })
@Index('ix_station_comments_station', ['stationId', 'id'])
export class StationCommentEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'station_id', type: 'varchar', length: 36 })
  stationId: string;

  /** the author's display name (token label or person) */
  @Column({ type: 'varchar', length: 200 })
  author: string;

  /** the author's id (user id, or token id for bearer tokens) */
  @Column({ name: 'author_id', type: 'varchar', length: 36 })
  authorId: string;

  @Column({ name: 'author_role', type: 'varchar', length: 16 })
  authorRole: string;

  @Column({ type: 'text' })
  text: string;

  /** ISO 8601 UTC */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
